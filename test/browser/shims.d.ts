declare module '*/demo/mock-model.mjs' {
  export function pickAnswer(messages: { role: string; content: string }[]): string;
  export function tokenize(text: string, size?: number): string[];
}
