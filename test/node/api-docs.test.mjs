// The element's public API is documented in one JSDoc header (the Custom Elements Manifest is
// generated from it, and docs/api.md from the manifest) and in docs/ pages. These checks keep
// them in step with the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const element = read('src/llm-stream-chat.ts');
const templates = read('src/llm-stream-chat.templates.ts');
// Every style sheet under src/ (the element's, and any the Markdown rendering adds).
const styles = readdirSync(new URL('../../src/', import.meta.url), { recursive: true })
  .filter((path) => String(path).endsWith('.styles.ts'))
  .map((path) => read(`src/${path}`))
  .join('\n');
const events = read('src/events.ts');
const i18n = read('src/i18n.ts');

const header = element.slice(0, element.indexOf('export class LlmStreamChat'));
const documented = (tag) => new Set([...header.matchAll(new RegExp(`@${tag} (\\S+) - `, 'g'))].map((m) => m[1]));
const sorted = (set) => [...set].sort();

/** Part names in the templates: static `part="a b"` tokens and string literals in `part=${…}`. */
function partsInSource(source) {
  const names = new Set();
  for (const [, value] of source.matchAll(/part="([^"]+)"/g)) {
    for (const token of value.split(/\s+/)) {
      if (token.includes('${message.role}')) {
        for (const role of ['user', 'assistant']) names.add(token.replace('${message.role}', role));
      } else {
        names.add(token);
      }
    }
  }
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

test('every rendered part is documented with @csspart, and every @csspart is rendered', () => {
  assert.deepEqual(sorted(documented('csspart')), sorted(partsInSource(element + templates)));
});

test('every --llm-chat-* property the style sheets read is documented with @cssprop, and vice versa', () => {
  const used = new Set([...styles.matchAll(/var\((--llm-chat-[a-z-]+)/g)].map((m) => m[1]));
  assert.deepEqual(sorted(documented('cssprop')), sorted(used));
});

test('every event in the typed event map is documented with @fires, and vice versa', () => {
  const typed = new Set([...events.matchAll(/'(llm-chat-[a-z-]+)': CustomEvent/g)].map((m) => m[1]));
  assert.deepEqual(sorted(documented('fires')), sorted(typed));
});

test('every slot is documented with @slot, and vice versa', () => {
  const slots = new Set([...element.matchAll(/<slot name="([a-z-]+)"/g)].map((m) => m[1]));
  assert.deepEqual(sorted(documented('slot')), sorted(slots));
});

// Parts, events and slots are documented in docs/api.md, generated from the same JSDoc (and
// checked by package-docs.test.mjs); what that page does not hold is checked here.
test('docs/theming.md gives every custom property a default, and docs/usage.md documents every string key', () => {
  const stringKeys = [...i18n.slice(0, i18n.indexOf('export const defaultStrings')).matchAll(/^  (\w+): /gm)].map((m) => m[1]);
  assert.ok(stringKeys.length > 10);
  const strings = docsSection('docs/usage.md', 'Strings (i18n)');
  assert.deepEqual(stringKeys.filter((name) => !strings.includes(`\`${name}\``)), [], 'string keys missing from docs/usage.md');
  const defaults = docsSection('docs/theming.md', 'CSS custom properties');
  const undocumented = [...documented('cssprop')].filter((name) => !new RegExp(`^\\| \`${name}\` \\|`, 'm').test(defaults));
  assert.deepEqual(undocumented, [], 'custom properties without a default in docs/theming.md');
});
