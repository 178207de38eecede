// Typing note for Vue: Volar (vue-tsc) checks custom elements in templates through
// GlobalComponents. This declaration gives <llm-stream-chat> typed props and events.
import type { DefineComponent } from 'vue';
import type { ChatMessage, LlmChatDoneDetail, LlmChatErrorDetail, LlmChatSendDetail, LlmChatStopDetail } from 'llm-stream-chat';

declare module 'vue' {
  interface GlobalComponents {
    'llm-stream-chat': DefineComponent<{
      endpoint?: string;
      messages?: ChatMessage[];
      onLlmChatSend?: (event: CustomEvent<LlmChatSendDetail>) => void;
      onLlmChatDone?: (event: CustomEvent<LlmChatDoneDetail>) => void;
      onLlmChatError?: (event: CustomEvent<LlmChatErrorDetail>) => void;
      onLlmChatStop?: (event: CustomEvent<LlmChatStopDetail>) => void;
    }>;
  }
}
