// The Custom Elements Manifest and docs/api.md: generated from the code, complete, and in sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { analyze, renderApiMarkdown, API_DOC_PATH, MANIFEST_PATH, ROOT } from '../../scripts/docs.mjs';
import { LIFECYCLE_METHODS, llmStreamChatManifestPlugin } from '../../scripts/manifest-plugin.mjs';

const packageJson = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8'));
const manifest = await analyze();
const elementModule = manifest.modules.find((m) => m.declarations?.some((d) => d.customElement));
const element = elementModule?.declarations.find((d) => d.customElement);

test('docs/api.md is what `npm run docs` generates from the current source', async () => {
  const committed = await readFile(API_DOC_PATH, 'utf8');
  assert.ok(
    committed === renderApiMarkdown(manifest, packageJson),
    'docs/api.md is out of date: run `npm run docs` and commit docs/api.md.',
  );
});

test('the built dist/custom-elements.json is the manifest of the current source', async () => {
  const built = JSON.parse(await readFile(MANIFEST_PATH, 'utf8'));
  assert.deepEqual(built, manifest, 'dist/custom-elements.json is stale: run `npm run build`.');
});

test('the manifest describes <llm-stream-chat> with every kind of public API', () => {
  assert.ok(element, 'no custom element in the manifest');
  assert.equal(element.tagName, 'llm-stream-chat');
  assert.equal(element.name, 'LlmStreamChat');
  assert.equal(elementModule.path, 'dist/llm-stream-chat.js');
  assert.ok(element.summary, 'no @summary');
  for (const kind of ['attributes', 'members', 'events', 'slots', 'cssParts', 'cssProperties']) {
    assert.ok(element[kind]?.length > 0, `no ${kind}`);
    for (const item of element[kind]) assert.ok(item.description, `${kind} ${item.name} has no description (JSDoc)`);
  }
  for (const name of ['send', 'stop']) assert.ok(element.members.some((m) => m.kind === 'method' && m.name === name), name);
  for (const prop of element.cssProperties) assert.match(prop.name, /^--llm-chat-/);
  const define = manifest.modules.find((m) => m.path === 'dist/define.js');
  assert.deepEqual(
    define.exports.find((e) => e.kind === 'custom-element-definition'),
    { kind: 'custom-element-definition', name: 'llm-stream-chat', declaration: { name: 'LlmStreamChat', module: 'dist/llm-stream-chat.js' } },
  );
});

test('every module path in the manifest is a published file; internals are left out', async () => {
  const { access } = await import('node:fs/promises');
  for (const module of manifest.modules) {
    assert.match(module.path, /^dist\/.+\.js$/);
    await access(resolve(ROOT, module.path));
    for (const exported of module.exports ?? []) {
      if (exported.declaration?.module) assert.match(exported.declaration.module, /^dist\/.+\.js$/);
    }
  }
  assert.ok(!manifest.modules.some((m) => m.path.startsWith('dist/controllers/')), 'controllers are internal');
});

test('attributes match the attributes Lit really observes (static properties, read at run time)', async () => {
  const { LlmStreamChat } = await import('../../dist/index.js');
  const observed = [...LlmStreamChat.observedAttributes].sort();
  assert.deepEqual(element.attributes.map((a) => a.name).sort(), observed);
  for (const attribute of element.attributes) {
    const declared = LlmStreamChat.elementProperties.get(attribute.fieldName);
    assert.ok(declared, `${attribute.name} maps to no declared property`);
  }
});

test('public members match the public members of the published .d.ts (lifecycle callbacks aside)', async () => {
  const path = resolve(ROOT, 'dist/llm-stream-chat.d.ts');
  const source = ts.createSourceFile(path, await readFile(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const names = [];
  source.forEachChild(function visit(node) {
    if (ts.isClassDeclaration(node) && node.name?.text === 'LlmStreamChat') {
      for (const member of node.members) {
        const flags = ts.getCombinedModifierFlags(member);
        if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)) continue;
        if (ts.isConstructorDeclaration(member) || !member.name) continue;
        if (ts.isMethodDeclaration(member) && LIFECYCLE_METHODS.has(member.name.getText())) continue;
        names.push(member.name.getText());
      }
    }
    node.forEachChild(visit);
  });
  assert.deepEqual([...new Set(names)].sort(), element.members.filter((m) => !m.static).map((m) => m.name).sort());
});

test('events: the manifest (@fires), LlmChatEventMap and the React wrapper list agree', async () => {
  const { LLM_CHAT_EVENT_NAMES } = await import('../../dist/event-names.js');
  assert.deepEqual(element.events.map((e) => e.name).sort(), [...LLM_CHAT_EVENT_NAMES].sort());
  for (const event of element.events) {
    assert.match(event.name, /^llm-chat-[a-z-]+$/);
    assert.match(event.type?.text ?? '', /^CustomEvent<\w+>$/, `${event.name} has no type from LlmChatEventMap`);
  }
});

test('the manifest plugin: state is not an attribute, private members are hidden, events get their type', () => {
  const files = {
    'src/events.ts': `export interface XEventMap { 'x-ping': CustomEvent<XPingDetail>; }`,
    'src/x-el.ts': `
      import { LitElement } from 'lit';
      /**
       * @tag x-el
       * @fires x-ping - Pings.
       */
      export class XEl extends LitElement {
        static override properties = {
          maxRetries: { type: Number, attribute: 'max-retries' },
          open: { type: Boolean, reflect: true },
          hooks: { attribute: false },
          busy: { state: true },
        };
        /** How often. */
        declare maxRetries: number;
        /** Whether open. */
        declare open: boolean;
        /** Hooks. */
        declare hooks: object;
        declare private busy: boolean;
        private secret = 1;
        /** Does it. */
        go(): void {}
        override connectedCallback(): void { super.connectedCallback(); }
      }`,
    'src/index.ts': `export { XEl } from './x-el.js';`,
  };
  const modules = Object.entries(files).map(([name, text]) => ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true));
  const result = create({ modules, plugins: [...litPlugin(), llmStreamChatManifestPlugin()], context: { dev: false } });
  const x = result.modules.find((m) => m.path === 'dist/x-el.js').declarations[0];
  assert.deepEqual(x.attributes.map((a) => [a.name, a.fieldName]), [['max-retries', 'maxRetries'], ['open', 'open']]);
  assert.deepEqual(x.members.map((m) => m.name).sort(), ['go', 'hooks', 'maxRetries', 'open']);
  assert.equal(x.members.find((m) => m.name === 'open').reflects, true);
  assert.deepEqual(x.events, [{ name: 'x-ping', description: 'Pings.', type: { text: 'CustomEvent<XPingDetail>' } }]);
});
