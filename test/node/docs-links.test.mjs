// The documentation a reader follows: README.md (a landing page), CONTRIBUTING.md, CHANGELOG.md
// and docs/*.md. Every relative link and #anchor must land, every JS/TS sample must parse, and
// every attribute, property or event an HTML, Vue or Svelte sample puts on <llm-stream-chat>
// must be one the Custom Elements Manifest (generated from the code) knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { analyze, ROOT } from '../../scripts/docs.mjs';

const pages = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...readdirSync(resolve(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (page) => readFileSync(resolve(ROOT, page), 'utf8');

/** Fenced code blocks: `{ lang, code, line }`. */
function fences(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].trimStart().startsWith(open[2]); i++) body.push(lines[i]);
    blocks.push({ lang: open[3].toLowerCase(), code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** The text outside fenced code blocks and inline code spans, line numbers kept. */
function prose(markdown) {
  let inFence = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (inFence) {
        if (marker && marker[0] === inFence[0] && marker.length >= inFence.length) inFence = null;
        return '';
      }
      if (marker) {
        inFence = marker;
        return '';
      }
      return line.replace(/(`+)[\s\S]*?\1/g, '');
    })
    .join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
function anchors(markdown) {
  const seen = new Map();
  const result = new Set();
  for (const line of prose(markdown.replace(/`/g, '\u0000')).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.replace(/\u0000/g, ''));
    if (!heading) continue;
    const text = heading[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count ? `${base}-${count}` : base);
  }
  return result;
}

/** Inline links and images `[text](target)`, outside code. */
function links(markdown) {
  const found = [];
  prose(markdown)
    .split('\n')
    .forEach((line, index) => {
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
        found.push({ target: m[1], line: index + 1 });
    });
  return found;
}

test('every relative link and #anchor in the docs lands on a file and a heading', () => {
  const broken = [];
  for (const page of pages) {
    for (const { target, line } of links(read(page))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check offline
      const [path, anchor] = target.split('#');
      const file = path ? resolve(ROOT, dirname(page), decodeURIComponent(path)) : resolve(ROOT, page);
      const where = `${page}:${line} → ${target}`;
      if (!file.startsWith(ROOT + '/') || !existsSync(file)) {
        broken.push(`${where}: no such file`);
      } else if (anchor !== undefined) {
        if (!file.endsWith('.md')) broken.push(`${where}: an anchor into a file that is not Markdown`);
        else if (!anchors(readFileSync(file, 'utf8')).has(anchor))
          broken.push(`${where}: no heading #${anchor} in ${relative(ROOT, file)}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('the README is a landing page under 10 KB that links every docs page and keeps the two commands', () => {
  const readme = read('README.md');
  assert.ok(Buffer.byteLength(readme) < 10 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
  const targets = new Set(links(readme).map(({ target }) => target.split('#')[0]));
  const unlinked = pages.filter((page) => page !== 'README.md' && !targets.has(page));
  assert.deepEqual(unlinked, [], 'pages the README does not link');
  // .ci/run calls `npm test`; the README promises exactly these two commands.
  const shell = fences(readme)
    .filter((f) => f.lang === 'sh')
    .map((f) => f.code)
    .join('\n');
  assert.match(shell, /^npm install && npm start\b/m);
  assert.match(shell, /^npm test\b/m);
  assert.match(read('CHANGELOG.md'), /^# Changelog\n[\s\S]*^## Unreleased$/m);
});

const SCRIPT_FENCES = { js: 'js', javascript: 'js', mjs: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx' };

/** Syntax errors of `code` parsed as a module of `kind` (js, jsx, ts, tsx). */
function syntaxErrors(code, kind) {
  const { diagnostics } = ts.transpileModule(code, {
    fileName: `sample.${kind}`,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ESNext,
      module: ts.ModuleKind.ESNext,
      jsx: ts.JsxEmit.Preserve,
      experimentalDecorators: true,
    },
  });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The contents of the `<script>` elements in an HTML, Vue or Svelte sample. */
const scripts = (code) =>
  [...code.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ code: m[2], ts: /lang="ts"/.test(m[1]) }));

test('every JS and TS sample parses, including the scripts inside HTML, Vue and Svelte samples', () => {
  const failures = [];
  let parsed = 0;
  for (const page of pages) {
    for (const { lang, code, line } of fences(read(page))) {
      const samples = SCRIPT_FENCES[lang]
        ? [{ code, kind: SCRIPT_FENCES[lang] }]
        : ['html', 'vue', 'svelte'].includes(lang)
          ? scripts(code).map((s) => ({ code: s.code, kind: s.ts ? 'ts' : 'js' }))
          : [];
      for (const sample of samples) {
        parsed++;
        for (const error of syntaxErrors(sample.code, sample.kind))
          failures.push(`${page}:${line} (${lang}): ${error}`);
      }
    }
  }
  // 14 when the backend recipes moved to examples/ (run by their own tests, not parsed here).
  assert.ok(parsed >= 10, `only ${parsed} samples found: is the fence parser broken?`);
  assert.deepEqual(failures, []);
});

test('samples put only attributes, properties and events the manifest knows on <llm-stream-chat>', async () => {
  const manifest = await analyze();
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'llm-stream-chat');
  const attributes = new Set(element.attributes.map((a) => a.name));
  const properties = new Set(element.members.filter((m) => m.kind === 'field').map((m) => m.name));
  const events = new Set(element.events.map((e) => e.name));
  const GLOBAL = /^(id|class|style|lang|dir|hidden|title|slot|part|tabindex|inert|aria-[a-z]+|data-[\w-]+)$/;
  const problems = [];
  let tags = 0;
  const check = (where, name) => {
    let m;
    if (GLOBAL.test(name) || attributes.has(name)) return;
    if ((m = /^(?::|v-bind:|\[)([\w-]+)\]?$/.exec(name))) {
      if (!properties.has(m[1])) problems.push(`${where}: no property ${m[1]}`);
    } else if ((m = /^(?:@|v-on:|\(|on)([\w-]+)\)?$/.exec(name)) && m[1].startsWith('llm-chat-')) {
      if (!events.has(m[1])) problems.push(`${where}: no event ${m[1]}`);
    } else if (!properties.has(name)) {
      // Svelte sets known properties as properties: `messages={history}`.
      problems.push(`${where}: no attribute ${name}`);
    }
  };
  for (const page of pages) {
    for (const { lang, code, line } of fences(read(page))) {
      // HTML, Vue and Svelte samples, and the Angular template inside a TS sample.
      if (!['html', 'vue', 'svelte', 'ts', 'tsx', 'js'].includes(lang)) continue;
      for (const [, attrs] of code.matchAll(/<llm-stream-chat(?![\w-])((?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*)>/g)) {
        tags++;
        const names = [...attrs.matchAll(/([^\s=/>"'{}]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^}]*\}|[^\s>]+))?/g)].map(
          (m) => m[1],
        );
        for (const name of names) check(`${page}:${line} (${lang})`, name);
      }
    }
  }
  assert.ok(tags >= 6, `only ${tags} <llm-stream-chat> tags found in samples`);
  assert.deepEqual(problems, []);
});
