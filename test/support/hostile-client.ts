// Browser side of the hostile-input suites: server commands of test/support/hostile-plugin.mjs,
// a seeded PRNG, SSE bodies and byte chunkings, and waiting for a message to reach its end.
import { executeServerCommand } from '@web/test-runner-commands';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import type { ChatMessage } from '../../src/core/messages.js';
import type { ScriptChunk } from './script-client.js';

export interface HostileServers {
  /** CORS-enabled mock models on other ports (other origins): `…/api/chat?delay=MS`. */
  cors: string[];
  /** An origin that sends no CORS headers. */
  noCors: string;
  /** An origin that passes the preflight but omits Access-Control-Allow-Origin on the answer. */
  preflightOnly: string;
  /** A port where nothing listens. */
  refused: string;
  /** The suite's seed: HOSTILE_SEED, or a fixed default. */
  seed: number;
}

export interface HeapFigures {
  usedSize: number;
  totalSize: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
}

export type ServerLog = Record<'cors' | 'noCors' | 'preflightOnly', { method: string; url: string }[]>;

export const hostileServers = () => executeServerCommand('hostile-servers') as Promise<HostileServers>;
export const hostileServerLog = () => executeServerCommand('hostile-server-log') as Promise<ServerLog>;
/** JS heap and DOM counters after two forced garbage collections (Chrome DevTools protocol). */
export const heapFigures = () => executeServerCommand('hostile-heap') as Promise<HeapFigures>;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

/** A seed for one case, derived from the suite's seed and the case's numbers. */
export function caseSeed(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const part of parts) h = Math.imul(h ^ (part + 0x9e3779b9), 0x85ebca6b) >>> 0;
  return h;
}

export const encoder = new TextEncoder();

/** One `{"content"}` SSE event per delta, then `[DONE]`. */
export function sseBody(deltas: readonly string[], done = true): string {
  return deltas.map((d) => `data: ${JSON.stringify({ content: d })}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Cuts bytes at random offsets (through UTF-8 sequences, CRLFs, anything), with random delays. */
export function chunkBytes(bytes: Uint8Array, rng: Rng, maxSize: number, maxDelayMs: number): ScriptChunk[] {
  const chunks: ScriptChunk[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = rng.int(1, maxSize);
    chunks.push({ base64: toBase64(bytes.subarray(i, i + size)), delayMs: maxDelayMs === 0 ? 0 : rng.int(0, maxDelayMs) });
    i += size;
  }
  return chunks;
}

export const TERMINAL: readonly ChatMessage['status'][] = ['complete', 'error', 'interrupted', 'stopped'];

/** Resolves with the name of the first of the element's ending events. */
export function ending(el: LlmStreamChat): Promise<'llm-chat-done' | 'llm-chat-error' | 'llm-chat-stop'> {
  return new Promise((resolve) => {
    const names = ['llm-chat-done', 'llm-chat-error', 'llm-chat-stop'] as const;
    const listeners = names.map((name) => {
      const listener = () => {
        names.forEach((n, i) => el.removeEventListener(n, listeners[i]));
        resolve(name);
      };
      el.addEventListener(name, listener);
      return listener;
    });
  });
}

export function lastMessage(el: LlmStreamChat): ChatMessage {
  return el.messages[el.messages.length - 1];
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export interface MainThreadTasks {
  count: number;
  busyCpuMs: number;
  longestWallMs: number;
  /** The longest task in the renderer's own CPU time: what the page itself blocked for. */
  longestCpuMs: number;
}

/** Starts a Chrome trace of this page (main-thread tasks). */
export async function traceStart(): Promise<void> {
  await executeServerCommand('hostile-trace-start');
}

/** Stops the trace and returns this page's main-thread tasks (found by a performance mark). */
export async function traceStop(): Promise<MainThreadTasks> {
  const mark = `hostile-trace-${Math.random().toString(36).slice(2)}`;
  performance.mark(mark);
  return executeServerCommand('hostile-trace-stop', { mark }) as Promise<MainThreadTasks>;
}
