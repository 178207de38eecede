// Typing note for Svelte: svelte-check reads element attributes from SvelteHTMLElements. This
// declaration gives <llm-stream-chat> typed props and event attributes.
import type { HTMLAttributes } from 'svelte/elements';
import type {
  ChatMessage,
  LlmChatDoneDetail,
  LlmChatErrorDetail,
  LlmChatSendDetail,
  LlmChatStopDetail,
  LlmStreamChat,
} from 'llm-stream-chat';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'llm-stream-chat': HTMLAttributes<LlmStreamChat> & {
      endpoint?: string;
      messages?: ChatMessage[];
      'onllm-chat-send'?: (event: CustomEvent<LlmChatSendDetail>) => void;
      'onllm-chat-done'?: (event: CustomEvent<LlmChatDoneDetail>) => void;
      'onllm-chat-error'?: (event: CustomEvent<LlmChatErrorDetail>) => void;
      'onllm-chat-stop'?: (event: CustomEvent<LlmChatStopDetail>) => void;
    };
  }
}
