import { LlmStreamChat } from './llm-stream-chat.js';
import { LlmStreamChatLauncher } from './launcher/llm-stream-chat-launcher.js';

export { LlmStreamChat, LlmStreamChatLauncher };

// Guarded: a second copy of the package (a CDN script and an npm import, say) must not throw.
// It warns once, naming the first tag it found taken, rather than once per tag.
let warned = false;
for (const [tag, element] of [
  ['llm-stream-chat', LlmStreamChat],
  ['llm-stream-chat-launcher', LlmStreamChatLauncher],
] as const) {
  if (typeof customElements === 'undefined') break;
  if (!customElements.get(tag)) customElements.define(tag, element);
  else if (customElements.get(tag) !== element && !warned) {
    warned = true;
    console.warn(`<${tag}> is already defined by another copy of llm-stream-chat; this copy is not registered.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'llm-stream-chat': LlmStreamChat;
    'llm-stream-chat-launcher': LlmStreamChatLauncher;
  }
}
