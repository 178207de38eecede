// The element's public API is documented in one JSDoc header (the Custom Elements Manifest is
// generated from it, and docs/api.md from the manifest) and in docs/ pages. These checks keep
// them in step with the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const sourceFiles = readdirSync(new URL('../../src/', import.meta.url), { recursive: true })
  .map(String)
  .filter((path) => path.endsWith('.ts'));
// Parts our code sets on nodes it builds itself (`setAttribute('part', 'name')`) count as rendered.
const readAll = (paths) =>
  paths
    .map((path) => read(`src/${path}`))
    .join('\n')
    .replace(/setAttribute\('part', '([a-z-]+)'\)/g, 'part="$1"');

/**
 * Each element: the file with its JSDoc header, and the sources it renders and styles from. The
 * launcher lives in src/launcher/; everything else in src/ belongs to <llm-stream-chat>
 * (the element, its templates, feature templates and style sheets, the Markdown rendering).
 */
const ELEMENTS = [
  { className: 'LlmStreamChat', file: 'llm-stream-chat.ts', sources: sourceFiles.filter((path) => !path.startsWith('launcher/')) },
  {
    className: 'LlmStreamChatLauncher',
    file: 'launcher/llm-stream-chat-launcher.ts',
    sources: sourceFiles.filter((path) => path.startsWith('launcher/')),
  },
].map((entry) => {
  const element = read(`src/${entry.file}`);
  const header = element.slice(0, element.indexOf(`export class ${entry.className} `));
  return {
    ...entry,
    header,
    rendered: readAll(entry.sources.filter((path) => !path.endsWith('.styles.ts') && !path.startsWith('core/'))),
    styles: readAll(entry.sources.filter((path) => path.endsWith('.styles.ts'))),
  };
});
const events = read('src/events.ts');
const i18n = read('src/i18n.ts');

const documentedIn = (header, tag) => new Set([...header.matchAll(new RegExp(`@${tag} (\\S+) - `, 'g'))].map((m) => m[1]));
const documented = (tag) => new Set(ELEMENTS.flatMap(({ header }) => [...documentedIn(header, tag)]));
const sorted = (set) => [...set].sort();

/** Part names in the templates: static `part="a b"` tokens and string literals in `part=${…}`. */
function partsInSource(source) {
  const names = new Set();
  for (const [, value] of source.matchAll(/part="([^"]+)"/g)) {
    for (const token of value.split(/\s+/)) {
      if (token.includes('${message.role}')) {
        for (const role of ['user', 'assistant']) names.add(token.replace('${message.role}', role));
      } else if (token.includes('${value}')) {
        for (const value of ['up', 'down']) names.add(token.replace('${value}', value));
      } else if (token.includes('${state}')) {
        for (const state of ['running', 'done', 'failed', 'called']) names.add(token.replace('${state}', state));
      } else {
        names.add(token);
      }
    }
  }
  for (const [, value] of source.matchAll(/setAttribute\('part', '([^']+)'\)/g)) names.add(value);
  for (const [, expression] of source.matchAll(/part=\$\{([^}]+)\}/g)) {
    for (const [, literal] of expression.matchAll(/'([a-z-]+)'/g)) names.add(literal);
  }
  return names;
}

/** The part of a docs page under one `## heading`, up to the next `## `. */
function docsSection(page, heading) {
  const text = read(page);
  const start = text.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `${page} has a "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

for (const { className, header, rendered, styles } of ELEMENTS) {
  test(`${className}: every rendered part is documented with @csspart, and every @csspart is rendered`, () => {
    assert.deepEqual(sorted(documentedIn(header, 'csspart')), sorted(partsInSource(rendered)));
  });

  test(`${className}: every --llm-chat-* property its style sheets read is documented with @cssprop, and vice versa`, () => {
    // A property another element documents (the launcher falls back to the chat's accent) is its.
    const others = new Set(ELEMENTS.filter((other) => other.header !== header).flatMap((other) => [...documentedIn(other.header, 'cssprop')]));
    const used = new Set([...styles.matchAll(/var\((--llm-chat-[a-z-]+)/g)].map((m) => m[1]).filter((name) => !others.has(name)));
    assert.deepEqual(sorted(documentedIn(header, 'cssprop')), sorted(used));
  });

  test(`${className}: every slot is documented with @slot, and vice versa`, () => {
    const slots = new Set([...rendered.matchAll(/<slot name="([a-z-]+)"/g)].map((m) => m[1]));
    if (/<slot>|<slot @/.test(rendered)) slots.add('-');
    const documentedSlots = new Set([...header.matchAll(/@slot (?:(\S+) )?- /g)].map((m) => m[1] ?? '-'));
    assert.deepEqual(sorted(documentedSlots), sorted(slots));
  });
}

test('every event in the typed event map is documented with @fires, and vice versa', () => {
  const typed = new Set([...events.matchAll(/'(llm-chat-[a-z-]+)': CustomEvent/g)].map((m) => m[1]));
  assert.deepEqual(sorted(documentedIn(ELEMENTS[0].header, 'fires')), sorted(typed));
});

// Parts, events and slots are documented in docs/api.md, generated from the same JSDoc (and
// checked by package-docs.test.mjs); what that page does not hold is checked here.
test('docs/theming.md gives every custom property a default, and docs/usage.md documents every string key', () => {
  const stringKeys = [...i18n.slice(0, i18n.indexOf('export const defaultStrings')).matchAll(/^  (\w+): /gm)].map((m) => m[1]);
  assert.ok(stringKeys.length > 10);
  const strings = docsSection('docs/usage.md', 'Strings (i18n)');
  assert.deepEqual(stringKeys.filter((name) => !strings.includes(`\`${name}\``)), [], 'string keys missing from docs/usage.md');
  const defaults = docsSection('docs/theming.md', 'CSS custom properties');
  const undocumented = [...documented('cssprop')].filter((name) => !new RegExp(`^\\| [^|]*\`${name}\`[^|]* \\|`, 'm').test(defaults));
  assert.deepEqual(undocumented, [], 'custom properties without a default in docs/theming.md');
});
