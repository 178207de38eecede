/** The answer the servers of real-backends.mjs give to `userTexts` after `assistantCount` answers. */
export function answerFor(userTexts: string[], assistantCount: number): string;
