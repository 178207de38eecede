import type { HLJSApi } from 'highlight.js';
import type { MarkdownPlugin } from '../core/markdown/plugins.js';
import { ALIASES, LANGUAGES } from './highlight-languages.js';

/** Highlighted code by language and source, shared by every message. */
const MAX_CACHED = 300;

/**
 * Syntax highlighting with highlight.js: its core loads with the first fenced code block that
 * names a known language, and each language the first time it is used (32 common ones; an
 * unknown language stays plain). A block is highlighted once its fence closes, never per frame.
 * Colours come from `--llm-chat-code-*` custom properties, with light and dark defaults.
 */
export function highlight(): MarkdownPlugin {
  let hljs: HLJSApi | undefined;
  let core: Promise<unknown> | undefined;
  const loading = new Map<string, Promise<unknown>>();
  const cache = new Map<string, DocumentFragment>();

  function load(language: string): Promise<unknown> {
    let pending = loading.get(language);
    if (!pending) {
      core ??= import('highlight.js/lib/core').then((module) => (hljs = module.default));
      pending = Promise.all([core, LANGUAGES[language]!()]).then(([, module]) =>
        hljs!.registerLanguage(language, module.default),
      );
      loading.set(language, pending);
    }
    return pending;
  }

  return {
    name: 'highlight',
    decorate(root, context) {
      const waits: Promise<unknown>[] = [];
      for (const code of root.querySelectorAll('pre > code[class*="language-"]:not(.hljs)')) {
        const name = /(?:^|\s)language-(\S+)/.exec(code.className)![1]!.toLowerCase();
        const language = ALIASES[name] ?? name;
        if (!Object.hasOwn(LANGUAGES, language)) continue;
        if (!hljs?.getLanguage(language)) {
          waits.push(load(language));
          continue;
        }
        const source = code.textContent ?? '';
        const key = `${language}\n${source}`;
        let fragment = cache.get(key);
        if (!fragment) {
          // highlight.js escapes the code; the sanitizer keeps only its classes on top.
          fragment = context.trustedFragment(hljs.highlight(source, { language, ignoreIllegals: true }).value);
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
          cache.set(key, fragment);
        }
        code.replaceChildren(fragment.cloneNode(true));
        code.classList.add('hljs');
      }
      // One promise when one thing is pending, so a frame that finds the same work adds no waiter.
      return waits.length > 1 ? Promise.all(waits) : waits[0];
    },
    css: `.hljs-comment,.hljs-quote{color:var(--llm-chat-code-comment,light-dark(#59636e,#9198a1));font-style:italic}
.hljs-keyword,.hljs-selector-tag,.hljs-meta .hljs-keyword,.hljs-doctag,.hljs-template-tag,.hljs-type{color:var(--llm-chat-code-keyword,light-dark(#c41d2e,#ff7b72))}
.hljs-string,.hljs-regexp,.hljs-meta .hljs-string,.hljs-addition{color:var(--llm-chat-code-string,light-dark(#0a3069,#a5d6ff))}
.hljs-number,.hljs-literal,.hljs-symbol,.hljs-bullet,.hljs-variable.constant_,.hljs-selector-id,.hljs-selector-class{color:var(--llm-chat-code-number,light-dark(#0550ae,#79c0ff))}
.hljs-title,.hljs-title.function_,.hljs-title.class_,.hljs-section{color:var(--llm-chat-code-function,light-dark(#6f42c1,#d2a8ff))}
.hljs-attr,.hljs-attribute,.hljs-property,.hljs-variable,.hljs-params,.hljs-built_in,.hljs-name,.hljs-tag{color:var(--llm-chat-code-attribute,light-dark(#953800,#ffa657))}
.hljs-meta,.hljs-subst{color:inherit}
.hljs-deletion{color:var(--llm-chat-code-keyword,light-dark(#82071e,#ffa198))}
.hljs-emphasis{font-style:italic}.hljs-strong,.hljs-section{font-weight:600}`,
  };
}

export default highlight;
