// A plugin for @custom-elements-manifest/analyzer that turns its raw output into the manifest we
// publish (dist/custom-elements.json). It only tidies and links what the JSDoc says; it invents
// nothing:
//   - event types: each `@fires` event gets `CustomEvent<…Detail>` from the `…EventMap`
//     interfaces in src/ (events.ts), so the types live in one place;
//   - `static properties` entries with `state: true` are internal state, not attributes (the
//     analyzer's Lit plugin knows `attribute: false` but not `state: true`);
//   - private and protected members (and attributes backed by them) and lifecycle callbacks
//     are left out;
//   - paths point at the published files (`src/x.ts` → `dist/x.js`) and relative module
//     references are resolved;
//   - a `customElements.define(TAG, …)` export gets the tag name, not the constant's name;
//   - only modules that the package's entry points reach, and only what they export, are kept:
//     internals are not public API.
import { posix } from 'node:path';

/** The entry points of package.json's `exports`, as source files. */
export const ENTRY_MODULES = ['src/index.ts', 'src/define.ts', 'src/core/index.ts', 'src/react.ts'];

export function toDistPath(sourcePath) {
  return sourcePath
    .replace(/^\/+/, '')
    .replace(/^src\//, 'dist/')
    .replace(/\.ts$/, '.js');
}

/** Resolves a module reference as the analyzer wrote it (`./x.js`, `/src/x.js`, `src/x.ts`). */
function resolveModuleRef(ref, fromSourcePath) {
  let path = ref;
  if (path.startsWith('./') || path.startsWith('../')) path = posix.join(posix.dirname(fromSourcePath), path);
  path = path.replace(/^\/+/, '');
  return toDistPath(path.replace(/\.js$/, '.ts'));
}

function hasStatic(ts, node) {
  return node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

/** Names of `static properties = { name: { state: true } }` entries in a class. */
function stateProperties(ts, classNode) {
  const names = new Set();
  for (const member of classNode.members ?? []) {
    if (!hasStatic(ts, member) || member.name?.getText() !== 'properties') continue;
    const object = ts.isGetAccessor(member)
      ? member.body?.statements.find(ts.isReturnStatement)?.expression
      : member.initializer;
    if (!object || !ts.isObjectLiteralExpression(object)) continue;
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
      const isState = property.initializer.properties.some(
        (option) =>
          ts.isPropertyAssignment(option) &&
          option.name.getText() === 'state' &&
          option.initializer.kind === ts.SyntaxKind.TrueKeyword,
      );
      if (isState) names.add(property.name.getText().replace(/^['"]|['"]$/g, ''));
    }
  }
  return names;
}

const isPublic = (member) => !member.privacy || member.privacy === 'public';
const LIT_STATICS = new Set(['styles', 'properties', 'shadowRootOptions', 'elementStyles', 'elementProperties']);
/**
 * Lifecycle callbacks are how the browser and Lit drive the element, not API for its users: the
 * analyzer's Lit plugin already leaves out render(), update() and the like; these go too.
 */
export const LIFECYCLE_METHODS = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'adoptedCallback',
  'requestUpdate',
  'createRenderRoot',
  'scheduleUpdate',
  'performUpdate',
  'shouldUpdate',
  'update',
  'render',
  'firstUpdated',
  'updated',
  'willUpdate',
]);

export function llmStreamChatManifestPlugin() {
  const eventTypes = new Map(); // event name -> type text
  const stateByClass = new Map(); // class name -> Set of state property names

  return {
    name: 'llm-stream-chat: publishable manifest',
    analyzePhase({ ts, node }) {
      if (ts.isInterfaceDeclaration(node) && /EventMap$/.test(node.name.text)) {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const name = member.name.getText().replace(/^['"]|['"]$/g, '');
          eventTypes.set(name, member.type.getText());
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const state = stateProperties(ts, node);
        if (state.size > 0) stateByClass.set(node.name.text, state);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const manifest = customElementsManifest;
      const tagNames = new Map();
      for (const module of manifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.customElement && declaration.tagName) tagNames.set(declaration.name, declaration.tagName);
        }
      }

      for (const module of manifest.modules) {
        const source = module.path;
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const state = stateByClass.get(declaration.name) ?? new Set();
          const hidden = new Set(
            (declaration.members ?? [])
              .filter(
                (member) =>
                  !isPublic(member) ||
                  state.has(member.name) ||
                  member.name.startsWith('#') ||
                  (member.kind === 'method' && LIFECYCLE_METHODS.has(member.name)),
              )
              .map((member) => member.name),
          );
          declaration.members = (declaration.members ?? []).filter(
            (member) => !hidden.has(member.name) && !(member.static && LIT_STATICS.has(member.name)),
          );
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => !hidden.has(attribute.fieldName));
          }
          for (const event of declaration.events ?? []) {
            const type = eventTypes.get(event.name);
            if (type && !event.type) event.type = { text: type };
          }
          for (const link of [declaration.superclass, declaration.inheritedFrom]) {
            if (link?.module) link.module = resolveModuleRef(link.module, source);
          }
          for (const member of declaration.members) {
            if (member.inheritedFrom?.module)
              member.inheritedFrom.module = resolveModuleRef(member.inheritedFrom.module, source);
          }
        }
        for (const exported of module.exports ?? []) {
          const { declaration } = exported;
          if (declaration?.module) declaration.module = resolveModuleRef(declaration.module, source);
          if (exported.kind === 'custom-element-definition' && tagNames.has(declaration?.name)) {
            exported.name = tagNames.get(declaration.name);
          }
        }
        module.path = toDistPath(source);
      }

      // Keep the modules the entry points reach through their exports.
      const byPath = new Map(manifest.modules.map((module) => [module.path, module]));
      const keep = new Set();
      const visit = (path) => {
        if (keep.has(path) || !byPath.has(path)) return;
        keep.add(path);
        for (const exported of byPath.get(path).exports ?? []) {
          if (exported.declaration?.module) visit(exported.declaration.module);
        }
      };
      ENTRY_MODULES.map(toDistPath).forEach(visit);
      manifest.modules = manifest.modules.filter((module) => keep.has(module.path));

      // Declarations a module does not export (a local constant, say) are not public either.
      for (const module of manifest.modules) {
        const exported = new Set(
          (module.exports ?? [])
            .filter((entry) => entry.declaration?.module === module.path)
            .map((entry) => entry.declaration.name),
        );
        module.declarations = (module.declarations ?? []).filter(
          (declaration) => declaration.customElement || exported.has(declaration.name),
        );
      }
    },
  };
}
