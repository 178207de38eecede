// A pretend language model: it picks a canned Markdown answer and cuts it into ~4-character
// tokens, the way real models stream. Readable on purpose: it is the reference for backend authors.

const ANSWERS = [
  `## Streaming, briefly

Server-Sent Events let a server **push** text to the browser as it is produced:

1. The client POSTs the conversation.
2. The server answers \`text/event-stream\` and writes one \`data:\` line per token.
3. The client renders each token *as it arrives*.

| Transport | Direction | Reconnects |
| --- | --- | --- |
| SSE | server → client | yes, with \`Last-Event-ID\` |
| WebSocket | both ways | by hand |
| Long polling | server → client | by hand |

A minimal handler in Node:

\`\`\`js
res.writeHead(200, { 'Content-Type': 'text/event-stream' });
for (const token of tokens) res.write(\`data: \${JSON.stringify({ content: token })}\\n\\n\`);
res.end('data: [DONE]\\n\\n');
\`\`\`

Read more in the [WHATWG HTML standard](https://html.spec.whatwg.org/multipage/server-sent-events.html).`,

  `### Three tips for fast chat UIs

- **Render incrementally.** Finished Markdown blocks never need to be parsed again.
- **Coalesce updates.** Tokens can arrive faster than the screen refreshes; one update per frame is enough.
- **Sanitize everything.** Model output is untrusted input:
  - links get \`rel="noopener noreferrer"\`,
  - \`javascript:\` URLs are removed,
  - raw HTML goes through DOMPurify.

> The fastest code is the code that does not run.

That's it — ~~premature~~ *measured* optimisation wins.`,

  `Here is a small TypeScript function that splits text into sentences:

\`\`\`ts
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
\`\`\`

It uses a *lookbehind* so the punctuation stays with its sentence. For example, \`sentences("Hi. How are you?")\` returns:

1. \`"Hi."\`
2. \`"How are you?"\`

- [x] handles \`.\`, \`!\` and \`?\`
- [ ] handles abbreviations like "e.g."`,
];

/** Picks an answer for the conversation: deterministic, so the demo is reproducible. */
export function pickAnswer(messages) {
  const last = [...(messages ?? [])].reverse().find((m) => m && m.role === 'user');
  const text = typeof last?.content === 'string' ? last.content : '';
  if (/markdown|table|demo/i.test(text)) return ANSWERS[0];
  if (/code|typescript|function/i.test(text)) return ANSWERS[2];
  const index = [...text].reduce((sum, ch) => sum + ch.codePointAt(0), 0) % ANSWERS.length;
  return ANSWERS[index];
}

const REASONING = `The user asks about the **weather** in Paris. I cannot know it from memory, so:

1. call \`getWeather\` for Paris, in Celsius;
2. answer in one or two sentences;
3. cite the forecast I used.`;

const RICH_ANSWER = `It is **18 °C** and cloudy in Paris right now, with a light westerly wind. Take a light jacket if you go out this evening: it should drop to about 12 °C.`;

/**
 * An answer with reasoning, a tool call and sources, as AI SDK UI message stream chunks (what
 * \`toUIMessageStreamResponse()\` sends): the demo's \`auto\` format detects it from the first one.
 * Asked for with "tools" or "think" in the last message.
 */
export function richAnswerChunks() {
  const input = JSON.stringify({ city: 'Paris', unit: 'celsius' });
  return [
    { type: 'start' },
    { type: 'start-step' },
    { type: 'reasoning-start', id: 'r1' },
    ...tokenize(REASONING).map((delta) => ({ type: 'reasoning-delta', id: 'r1', delta })),
    { type: 'reasoning-end', id: 'r1' },
    { type: 'tool-input-start', toolCallId: 'call-1', toolName: 'getWeather' },
    ...tokenize(input, 3).map((inputTextDelta) => ({ type: 'tool-input-delta', toolCallId: 'call-1', inputTextDelta })),
    { type: 'tool-input-available', toolCallId: 'call-1', toolName: 'getWeather', input: JSON.parse(input) },
    { type: 'tool-output-available', toolCallId: 'call-1', output: { temperature: 18, condition: 'Cloudy', wind: 'W 9 km/h', tonight: 12 } },
    { type: 'finish-step' },
    { type: 'start-step' },
    { type: 'text-start', id: 't1' },
    ...tokenize(RICH_ANSWER).map((delta) => ({ type: 'text-delta', id: 't1', delta })),
    { type: 'text-end', id: 't1' },
    { type: 'source-url', sourceId: 's1', url: 'https://en.wikipedia.org/wiki/Climate_of_Paris', title: 'Climate of Paris – Wikipedia' },
    { type: 'source-url', sourceId: 's2', url: 'https://meteofrance.com/' },
    { type: 'finish-step' },
    { type: 'finish', finishReason: 'stop' },
  ];
}

/** Whether the conversation asks for the rich answer ("tools", "think"). */
export function wantsRichAnswer(messages) {
  const last = [...(messages ?? [])].reverse().find((m) => m && m.role === 'user');
  return /\b(?:tools?|think(?:ing)?)\b/i.test(typeof last?.content === 'string' ? last.content : '');
}

/** Cuts text into tokens of 1–6 characters, never splitting a surrogate pair. */
export function tokenize(text, size = 4) {
  const chars = [...text];
  const tokens = [];
  for (let i = 0; i < chars.length; ) {
    const n = Math.max(1, size + ((i * 7) % 5) - 2);
    tokens.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return tokens;
}
