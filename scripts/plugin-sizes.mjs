// Prints what each first-party plugin of the script-tag build weighs, min+gzip: the module that
// registering it loads, and everything it may load on demand (its library, highlight.js's
// languages, Mermaid's diagram types). Run after `vite build -c vite.plugins.config.ts`.
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/browser/plugins/', import.meta.url);
const sizes = new Map();
/** gzip size and the relative imports (static, dynamic) of one built file. */
async function file(path) {
  if (!sizes.has(path)) {
    const code = await readFile(new URL(path, dir), 'utf8');
    const base = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const resolve = (spec) => new URL(spec, new URL(base, 'file:///')).pathname.slice(1);
    const staticImports = [...code.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) =>
      resolve(m[1]),
    );
    const dynamicImports = [...code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) =>
      resolve(m[1]),
    );
    sizes.set(path, { gzip: gzipSync(code).length, staticImports, dynamicImports });
  }
  return sizes.get(path);
}

async function closure(entry, followDynamic) {
  const seen = new Set();
  const walk = async (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const { staticImports, dynamicImports } = await file(path);
    for (const next of [...staticImports, ...(followDynamic ? dynamicImports : [])]) await walk(next);
  };
  await walk(entry);
  let total = 0;
  for (const path of seen) total += (await file(path)).gzip;
  return total;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const entries = (await readdir(dir)).filter((name) => name.endsWith('.js')).sort();
const rows = [];
for (const entry of entries) {
  rows.push({
    plugin: entry.replace(/\.js$/, ''),
    'on registering': kb(await closure(entry, false)),
    'all it may load': kb(await closure(entry, true)),
  });
}
console.log('Plugin sizes (min+gzip):');
console.table(rows);
