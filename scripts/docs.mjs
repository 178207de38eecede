// Generated documentation, from the code only:
//   node scripts/docs.mjs --manifest   dist/custom-elements.json, from the JSDoc in src/ (part of `npm run build`)
//   node scripts/docs.mjs --api        the manifest and docs/api.md, the API reference made from it
//   node scripts/docs.mjs --check      exit 1 when docs/api.md is not what --api would write
// `npm run docs` runs the build, --api and the screenshot: re-run it after changing the public API.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_PATH = resolve(ROOT, 'dist/custom-elements.json');
export const API_DOC_PATH = resolve(ROOT, 'docs/api.md');

/** Runs the analyzer with custom-elements-manifest.config.mjs and returns the manifest, writing nothing. */
export async function analyze() {
  return cli({ argv: ['analyze', '--quiet'], cwd: ROOT, noWrite: true });
}

/** Text for one Markdown table cell: one line, pipes escaped. */
function cell(text) {
  return String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

const code = (text) => (text ? `\`${cell(text).replace(/`/g, "'")}\`` : '');

function table(headers, rows) {
  if (rows.length === 0) return '_None._\n';
  return (
    [
      `| ${headers.join(' | ')} |`,
      `| ${headers.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

function signature(method) {
  const params = (method.parameters ?? [])
    .map((p) => `${p.rest ? '...' : ''}${p.name}${p.optional ? '?' : ''}${p.type ? `: ${p.type.text}` : ''}`)
    .join(', ');
  return `${method.name}(${params})${method.return?.type ? `: ${method.return.type.text}` : ''}`;
}

function renderElement(element, modulePath) {
  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static);
  const methods = (element.members ?? []).filter((member) => member.kind === 'method' && !member.static);
  const out = [];
  out.push(`## \`<${element.tagName}>\`\n`);
  if (element.summary) out.push(`${element.summary.trim()}\n`);
  if (element.description) out.push(`${element.description.trim()}\n`);
  out.push(`Class \`${element.name}\`, from \`${modulePath}\`.\n`);

  out.push(`### Attributes\n`);
  out.push(
    table(
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (element.attributes ?? []).map((a) => [
        code(a.name),
        code(a.fieldName),
        code(a.type?.text),
        code(a.default),
        a.description,
      ]),
    ),
  );
  out.push(`### Properties\n`);
  out.push(
    table(
      ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      fields.map((f) => [
        code(f.name) + (f.readonly ? ' (read-only)' : ''),
        f.attribute ? code(f.attribute) + (f.reflects ? ' (reflected)' : '') : '',
        code(f.type?.text),
        code(f.default),
        f.description,
      ]),
    ),
  );
  out.push(`### Methods\n`);
  out.push(
    table(
      ['Method', 'Description'],
      methods.map((m) => [code(signature(m)), m.description]),
    ),
  );
  out.push(`### Events\n`);
  out.push(
    'All bubble and are composed (they cross shadow roots); `detail` types are exported from `llm-stream-chat`.\n\n' +
      table(
        ['Event', 'Type', 'Description'],
        (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), e.description]),
      ),
  );
  out.push(`### Slots\n`);
  out.push(
    table(
      ['Slot', 'Description'],
      (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', s.description]),
    ),
  );
  out.push(`### CSS parts\n`);
  out.push(
    table(
      ['Part', 'Description'],
      (element.cssParts ?? []).map((p) => [code(p.name), p.description]),
    ),
  );
  out.push(`### CSS custom properties\n`);
  const cssProperties = element.cssProperties ?? [];
  out.push(
    cssProperties.some((p) => p.default)
      ? table(
          ['Property', 'Default', 'Description'],
          cssProperties.map((p) => [code(p.name), code(p.default), p.description]),
        )
      : table(
          ['Property', 'Description'],
          cssProperties.map((p) => [code(p.name), p.description]),
        ),
  );
  return out.join('\n');
}

/** The published entry points: `[specifier, file]`, in the order of package.json's `exports`. */
function entryPoints(packageJson) {
  return Object.entries(packageJson.exports).flatMap(([key, target]) => {
    const file = typeof target === 'string' ? target : target.default;
    if (!file.endsWith('.js')) return [];
    return [[key === '.' ? packageJson.name : `${packageJson.name}/${key.slice(2)}`, file.replace(/^\.\//, '')]];
  });
}

/** Whether package.json's `sideEffects` names a file (patterns as bundlers read them: `*` within a folder). */
function hasSideEffects(file, packageJson) {
  return (packageJson.sideEffects ?? []).some((pattern) => {
    const regex = new RegExp(
      `^${pattern
        .replace(/^\.\//, '')
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')}$`,
    );
    return regex.test(file);
  });
}

/** docs/api.md from a manifest: every custom element, then what each entry point exports. */
export function renderApiMarkdown(manifest, packageJson) {
  const out = [
    '# API reference',
    '',
    '<!-- Generated by `npm run docs` from dist/custom-elements.json, which the analyzer builds from',
    '     the JSDoc in src/. Do not edit by hand: edit the JSDoc, then run `npm run docs`. -->',
    '',
  ];
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement) out.push(renderElement(declaration, module.path));
    }
  }
  out.push('## Entry points\n');
  const rows = [];
  const tags = manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.tagName).map((d) => `<${d.tagName}>`),
  );
  for (const [name, file] of entryPoints(packageJson)) {
    const module = manifest.modules.find((m) => m.path === file);
    if (!module) throw new Error(`package.json exports ${name} (${file}), but the manifest has no such module.`);
    const values = (module.exports ?? [])
      .filter((e) => e.kind === 'js')
      .map((e) => (e.name === '*' ? `* from ${e.declaration.module}` : e.name));
    const effects = hasSideEffects(file, packageJson) ? `registers ${tags.map(code).join(', ')}` : 'none';
    rows.push([code(name), code(file), values.map(code).join(', '), effects]);
  }
  out.push(table(['Import', 'File', 'Exports', 'Side effects'], rows));
  return out.join('\n');
}

async function readPackageJson() {
  return JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8'));
}

/** What `--api` would write to docs/api.md, from the current source. */
export async function expectedApiMarkdown() {
  return renderApiMarkdown(await analyze(), await readPackageJson());
}

async function main(args) {
  const manifest = await analyze();
  if (args.includes('--manifest') || args.includes('--api')) {
    await mkdir(dirname(MANIFEST_PATH), { recursive: true });
    await writeFile(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`wrote ${MANIFEST_PATH}`);
  }
  const markdown = renderApiMarkdown(manifest, await readPackageJson());
  if (args.includes('--api')) {
    await mkdir(dirname(API_DOC_PATH), { recursive: true });
    await writeFile(API_DOC_PATH, markdown);
    console.log(`wrote ${API_DOC_PATH}`);
  }
  if (args.includes('--check')) {
    const committed = await readFile(API_DOC_PATH, 'utf8').catch(() => '');
    if (committed !== markdown) {
      console.error('docs/api.md is out of date: run `npm run docs` and commit the result.');
      process.exitCode = 1;
    } else {
      console.log('docs/api.md is up to date.');
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
