import { LlmStreamChat } from './llm-stream-chat.js';
import { LlmStreamChatLauncher } from './launcher/llm-stream-chat-launcher.js';

export { LlmStreamChat, LlmStreamChatLauncher };

// Guarded: a second copy of the package (a CDN script and an npm import, say) must not throw.
// It warns once, naming the first tag it found taken. (Each define is written out, literally, so
// the Custom Elements Manifest analyzer sees which class each tag is.)
if (typeof customElements !== 'undefined') {
  const taken: string[] = [];
  if (!customElements.get('llm-stream-chat')) customElements.define('llm-stream-chat', LlmStreamChat);
  else if (customElements.get('llm-stream-chat') !== LlmStreamChat) taken.push('llm-stream-chat');
  if (!customElements.get('llm-stream-chat-launcher')) customElements.define('llm-stream-chat-launcher', LlmStreamChatLauncher);
  else if (customElements.get('llm-stream-chat-launcher') !== LlmStreamChatLauncher) taken.push('llm-stream-chat-launcher');
  if (taken.length > 0) console.warn(`<${taken[0]}> is already defined by another copy of llm-stream-chat; this copy is not registered.`);
}

declare global {
  interface HTMLElementTagNameMap {
    'llm-stream-chat': LlmStreamChat;
    'llm-stream-chat-launcher': LlmStreamChatLauncher;
  }
}
