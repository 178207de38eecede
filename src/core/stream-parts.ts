/** What a wire-format adapter turns a response into: text, an end marker, or an error. */
export type StreamPart =
  | { type: 'text'; text: string }
  | { type: 'done'; finishReason?: string }
  | { type: 'error'; message: string };
