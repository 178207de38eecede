// React through the @lit/react wrapper: properties are set as properties (so `messages`, an
// array, arrives intact) and every event has a typed prop (onLlmChatDone gets
// CustomEvent<LlmChatDoneDetail>). Importing 'llm-stream-chat/react' also registers the tag.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LlmStreamChat } from 'llm-stream-chat/react';
import type { ChatMessage } from 'llm-stream-chat';

const welcome: ChatMessage[] = [
  { id: 'welcome', role: 'assistant', content: 'Hello from **React**! Ask me anything.', status: 'complete' },
];

function App() {
  const [answers, setAnswers] = useState(0);
  const [lastLength, setLastLength] = useState(0);
  return (
    <main>
      <h1>llm-stream-chat in React</h1>
      <LlmStreamChat
        endpoint="/api/chat"
        messages={welcome}
        onLlmChatDone={(event) => {
          setAnswers((n) => n + 1);
          setLastLength(event.detail.message.content.length);
        }}
      />
      <p>
        Answers: <output id="answers">{answers}</output>, the last one{' '}
        <output id="last-length">{lastLength}</output> characters long.
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
