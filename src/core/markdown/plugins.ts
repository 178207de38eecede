import type { MarkedExtension } from 'marked';

/**
 * What a plugin's DOM step gets besides the content it decorates. Everything here is for output
 * that trusted code (the plugin) made from model text: none of it is reachable by model HTML.
 */
export interface PluginContext {
  /**
   * Sanitizes HTML that a plugin's own code produced (a highlighter's spans) into a fragment,
   * keeping its classes, which model output never keeps. Scripts, handlers, styles and unsafe
   * URLs are still removed.
   */
  trustedFragment(html: string): DocumentFragment;
  /** The message's content element (read its computed colours to pick a library's theme). */
  readonly host: Element;
  /** The element's UI texts that plugins use (see `LlmChatStrings`). */
  readonly strings: PluginStrings;
}

/** UI texts for plugins: keys of the element's `strings`. */
export interface PluginStrings {
  /** Accessible name of a diagram. */
  readonly diagram?: string;
}

/**
 * A Markdown plugin, in two steps:
 *
 * 1. `markdown`: a marked extension (tokenizers and renderers only; marked's `walkTokens` and
 *    `hooks` are not run). It is used for every lex: frozen blocks, the live tail and a restored
 *    message alike, so a streamed message still ends equal to its one-shot render. Its HTML goes
 *    through the same sanitizer as the model's own HTML: render a placeholder that sanitized
 *    Markdown may contain anyway, such as `<code class="language-math">`, with the model's text
 *    escaped inside. Model HTML can forge the placeholder, which is harmless by construction: it
 *    only asks for what the Markdown syntax asks for.
 * 2. `decorate`: a DOM step on sanitized content, which replaces placeholders with output built
 *    by trusted code (the library's own DOM, or `context.trustedFragment`). It runs on each
 *    fragment before it is shown (every frozen block, and the live tail each time its HTML
 *    changes), so it must be idempotent and cheap for content it has seen: cache by source.
 *    When it needs to load something (a library, a language), it returns a promise and leaves
 *    the placeholder as it is; once that settles, it runs again on the shown content in place.
 */
export interface MarkdownPlugin {
  /** A short unique name, such as `math`. */
  readonly name: string;
  /** Tokenizers and renderers for marked. */
  readonly markdown?: MarkedExtension;
  /** Replaces placeholders in sanitized content; see above. */
  decorate?(root: DocumentFragment | Element, context: PluginContext): void | Promise<unknown>;
  /** CSS for the element's shadow root (adopted once per element), themed by `--llm-chat-*`. */
  readonly css?: string;
}

/** A plugin object, or the name of a first-party plugin to load (`math`, `highlight`, `mermaid`). */
export type PluginSpec = MarkdownPlugin | string;
