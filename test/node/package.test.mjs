// The published package, as a user gets it: `npm pack`, install the tarball into an empty folder
// (dependencies from the npm cache), then use every entry point there the way people do:
// import it in Node with no DOM (SSR: Next.js, Nuxt, SvelteKit), render the React wrapper on a
// server, bundle it with Vite (exports map + sideEffects), and type-check against its .d.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const packageJson = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8'));
/** The exact versions our lockfile holds, so the install is served from the npm cache. */
const locked = (name) => `${name}@${lock.packages[`node_modules/${name}`].version}`;

let dir; // the consumer project
let packed; // npm pack --json output for our tarball

async function npm(args, cwd) {
  return run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
}

async function nodeIn(cwd, script) {
  const file = join(cwd, `script-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, script);
  const { stdout, stderr } = await run(process.execPath, [file], { cwd });
  return { stdout, stderr };
}

describe('the npm package, installed from its tarball into an empty folder', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llm-stream-chat-consumer-'));
    const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    [packed] = JSON.parse(stdout);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await npm(
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        join(dir, packed.filename),
        locked('react'),
        locked('react-dom'),
        locked('@types/react'),
      ],
      dir,
    );
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the tarball holds the built entries, typings, source maps and manifest, and no tests or demo', () => {
    const files = new Set(packed.files.map((f) => f.path));
    for (const [key, target] of Object.entries(packageJson.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(files.has(file.replace(/^\.\//, '')), `exports["${key}"] points at ${file}, which is not in the tarball`);
      }
    }
    for (const file of [
      'dist/index.js.map',
      'dist/define.d.ts',
      'dist/browser/llm-stream-chat.js',
      'dist/browser/llm-stream-chat.js.map',
      'dist/browser/llm-stream-chat.iife.js',
      'dist/browser/llm-stream-chat.iife.js.map',
      'README.md',
      'LICENSE',
    ]) {
      assert.ok(files.has(file), `${file} is missing from the tarball`);
    }
    const strays = [...files].filter((f) => /^(test|demo|scripts|node_modules|\.ci)\/|\.test\.|^tsconfig|^vite\.config/.test(f));
    assert.deepEqual(strays, [], 'files that do not belong in the package');
    console.log(`tarball: ${packed.filename}, ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KB`);
  });

  test('every entry imports in Node without a DOM, and the define entry tolerates a second copy', async () => {
    const { stdout, stderr } = await nodeIn(
      dir,
      `
      const report = { hadWindow: typeof window !== 'undefined', hadHTMLElement: typeof HTMLElement !== 'undefined' };
      const index = await import('llm-stream-chat');
      report.index = Object.keys(index).sort();
      report.indexIsClass = typeof index.LlmStreamChat === 'function';
      const core = await import('llm-stream-chat/core');
      report.core = Object.keys(core).sort();
      const define = await import('llm-stream-chat/define');
      report.defineSameClass = define.LlmStreamChat === index.LlmStreamChat;
      report.registered = globalThis.customElements?.get('llm-stream-chat') === index.LlmStreamChat;
      const react = await import('llm-stream-chat/react');
      report.react = Object.keys(react).sort();
      const { default: manifest } = await import('llm-stream-chat/custom-elements.json', { with: { type: 'json' } });
      report.manifestTags = manifest.modules.flatMap((m) => m.declarations.filter((d) => d.tagName).map((d) => d.tagName));
      // A second, different copy of the package (here: the repository's own build) must warn, not throw.
      const warnings = [];
      console.warn = (...args) => warnings.push(args.join(' '));
      await import(${JSON.stringify(join(ROOT, 'dist/define.js'))});
      report.secondCopyWarnings = warnings;
      report.stillFirstCopy = globalThis.customElements?.get('llm-stream-chat') === index.LlmStreamChat;
      process.stdout.write(JSON.stringify(report));
      `,
    );
    assert.equal(stderr, '');
    const report = JSON.parse(stdout);
    assert.equal(report.hadWindow, false);
    assert.equal(report.hadHTMLElement, false);
    assert.ok(report.indexIsClass);
    assert.ok(report.index.includes('LlmStreamChat') && report.index.includes('ChatStreamError'));
    assert.ok(report.core.includes('parseServerSentEvents') && report.core.includes('readTextStream'));
    assert.ok(report.defineSameClass && report.registered, 'define did not register the class (Lit SSR registry)');
    assert.deepEqual(report.react, ['LlmStreamChat']);
    assert.deepEqual(report.manifestTags.sort(), ['llm-stream-chat', 'llm-stream-chat-launcher']);
    assert.equal(report.secondCopyWarnings.length, 1, 'a second copy should warn once');
    assert.match(report.secondCopyWarnings[0], /already defined by another copy/);
    assert.ok(report.stillFirstCopy);
  });

  test('the React wrapper renders on a server (react-dom/server), as in Next.js', async () => {
    const { stdout } = await nodeIn(
      dir,
      `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      import { LlmStreamChat } from 'llm-stream-chat/react';
      process.stdout.write(renderToString(createElement(LlmStreamChat, { endpoint: '/api/chat', onLlmChatDone: () => {} })));
      `,
    );
    // @lit/react sets `endpoint` as a property once mounted, so the server HTML is the bare tag.
    assert.match(stdout, /^<llm-stream-chat[^>]*><\/llm-stream-chat>$/);
  });

  test('a bundler resolves every entry; importing the class alone has no side effects', async () => {
    const { build } = await import('vite');
    const bundle = async (name, code) => {
      const entry = join(dir, `${name}.js`);
      await writeFile(entry, code);
      const result = await build({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        build: {
          write: false,
          minify: false,
          target: 'es2022',
          lib: { entry, formats: ['es'], fileName: name },
          rolldownOptions: { external: ['react'] },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
      return outputs.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
    };
    const unused = await bundle('unused', `import 'llm-stream-chat';\nimport 'llm-stream-chat/core';\nexport const ok = 1;\n`);
    assert.ok(!unused.includes('customElements'), 'importing llm-stream-chat registered something');
    assert.ok(unused.length < 200, `unused imports of llm-stream-chat left ${unused.length} bytes: sideEffects is not honoured`);

    const used = await bundle('used', `import { LlmStreamChat } from 'llm-stream-chat';\nexport const tag = LlmStreamChat;\n`);
    assert.match(used, /class LlmStreamChat|LlmStreamChat = class/, 'the class was not bundled');
    assert.ok(!used.includes('customElements.define('), 'the class entry registers the tag');

    const defined = await bundle('defined', `import 'llm-stream-chat/define';\n`);
    assert.match(defined, /customElements\.define\(/, 'llm-stream-chat/define was tree-shaken away');

    const react = await bundle('react', `export { LlmStreamChat } from 'llm-stream-chat/react';\n`);
    assert.match(react, /createComponent|customElements\.define\(/);
  });

  test('the published typings type-check in a consumer (bundler and node16 resolution)', async () => {
    await writeFile(
      join(dir, 'consumer.tsx'),
      `
      import type { LlmStreamChat as Element, LlmChatDoneDetail, ChatMessage } from 'llm-stream-chat';
      import 'llm-stream-chat/define';
      import { parseServerSentEvents, type ServerSentEvent } from 'llm-stream-chat/core';
      import { LlmStreamChat } from 'llm-stream-chat/react';

      const el = document.querySelector('llm-stream-chat'); // typed by HTMLElementTagNameMap
      if (el) {
        const endpoint: string = el.endpoint;
        const messages: ChatMessage[] = el.messages;
        el.send('Hi');
        // @ts-expect-error endpoint is a string
        el.endpoint = 5;
        el.addEventListener('llm-chat-done', (event) => {
          const detail: LlmChatDoneDetail = event.detail;
          console.log(endpoint, messages, detail.message.content);
        });
      }
      const viaClass: Element | null = el;
      export const events: AsyncIterable<ServerSentEvent> = parseServerSentEvents(new ReadableStream());
      export const view = (
        <LlmStreamChat
          endpoint="/api/chat"
          onLlmChatDone={(event) => console.log(event.detail.message.content, viaClass)}
          // @ts-expect-error the detail of llm-chat-error has no 'nope'
          onLlmChatError={(event) => console.log(event.detail.nope)}
        />
      );
      `,
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    for (const [module, moduleResolution] of [['esnext', 'bundler'], ['node16', 'node16']]) {
      const args = ['--noEmit', '--strict', '--jsx', 'react-jsx', '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable'];
      args.push('--module', module, '--moduleResolution', moduleResolution, '--types', 'react', 'consumer.tsx');
      const result = await run(process.execPath, [tsc, ...args], { cwd: dir }).catch((error) => error);
      assert.equal(result.code ?? 0, 0, `tsc (${moduleResolution}) failed:\n${result.stdout}${result.stderr}`);
    }
  });
});
