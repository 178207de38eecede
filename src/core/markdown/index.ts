/**
 * The pure incremental Markdown pipeline: no DOM, no Lit (it runs in Node). The element's
 * applier in `src/markdown/` turns its updates into sanitized DOM.
 */
export { MarkdownPipeline } from './pipeline.js';
export type { FrozenBlock, LiveView, MarkdownUpdate } from './pipeline.js';
export { renderWhole, escapeHtml, isHttpsUrl } from './marked-setup.js';
export type { MarkdownRenderOptions, LinkDefinitions } from './marked-setup.js';
export { repairTail, repairInline } from './tail-repair.js';
export { openFence, feedFence, fencePartialText } from './open-fence.js';
export type { OpenFence } from './open-fence.js';
export type { MarkdownPlugin, PluginContext, PluginStrings } from './plugins.js';
