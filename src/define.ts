import { LlmStreamChat } from './llm-stream-chat.js';

export { LlmStreamChat };

const TAG = 'llm-stream-chat';

// Guarded: a second copy of the package (a CDN script and an npm import, say) must not throw.
if (typeof customElements !== 'undefined') {
  if (!customElements.get(TAG)) customElements.define(TAG, LlmStreamChat);
  else if (customElements.get(TAG) !== LlmStreamChat) {
    console.warn(`<${TAG}> is already defined by another copy of llm-stream-chat; this copy is not registered.`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'llm-stream-chat': LlmStreamChat;
  }
}
