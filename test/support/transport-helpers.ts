// Browser-side helpers shared by the transport tests.
import { oneEvent } from '@open-wc/testing';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, type ScriptChunk } from './script-client.js';
import { prng } from '../fixtures/markdown/llm-answers.mjs';

/** The one seeded PRNG of the tests (mulberry32), shared with the Node tests and the bench. */
export { prng };

export interface Fixture {
  file: string;
  contentType: string;
  format: string;
  text: string;
  finishReason?: string;
  truncated?: boolean;
  error?: string;
  errorIncludes?: string;
  headers?: Record<string, string>;
}

export async function loadFixtures(): Promise<Fixture[]> {
  return (await (await fetch('/test/fixtures/formats/fixtures.json')).json()) as Fixture[];
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Registers a script that plays a fixture's bytes in random chunks (some spaced by 1 ms). */
export async function fixtureEndpoint(fixture: Fixture, seed: number) {
  const bytes = new Uint8Array(await (await fetch(`/test/fixtures/formats/${fixture.file}`)).arrayBuffer());
  const random = prng(seed);
  const chunks: ScriptChunk[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * 40);
    chunks.push({ base64: toBase64(bytes.subarray(i, i + size)), delayMs: random() < 0.2 ? 1 : 0 });
    i += size;
  }
  return scriptedEndpoint({ headers: { 'Content-Type': fixture.contentType, ...fixture.headers }, chunks });
}

/** Waits for the answer to end, however it ends: done, error or stop. */
export function answerEnd(el: LlmStreamChat): Promise<CustomEvent> {
  return Promise.race([
    oneEvent(el, 'llm-chat-done'),
    oneEvent(el, 'llm-chat-error'),
    oneEvent(el, 'llm-chat-stop'),
  ]) as Promise<CustomEvent>;
}

export function lastMessage(el: LlmStreamChat) {
  return el.messages[el.messages.length - 1]!;
}

export function part(el: LlmStreamChat, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
