// Browser side of test/support/scripted-server.mjs.
import { waitUntil } from '@open-wc/testing';

export interface ScriptChunk {
  text?: string;
  base64?: string;
  delayMs?: number;
}

export interface ScriptResponse {
  status?: number;
  headers?: Record<string, string>;
  chunks?: ScriptChunk[];
  /** Keep the connection open after the last chunk, until the client closes it. */
  hang?: boolean;
  /** Drop the connection after the last chunk (the client sees a network error). */
  destroy?: boolean;
  /** Wait this long before sending the headers. */
  headersDelayMs?: number;
}

export interface ScriptLog {
  requests: { method: string; url: string; headers: Record<string, string>; body: string }[];
  closedEarly: number;
  completed: number;
}

/** Registers responses (one per request, the last repeating) and returns the URL that plays them. */
export async function scriptedEndpoint(...responses: ScriptResponse[]): Promise<{ url: string; id: string }> {
  const answer = await fetch('/test/scripts', { method: 'POST', body: JSON.stringify({ responses }) });
  const { id } = (await answer.json()) as { id: string };
  return { url: `/test/run/${id}`, id };
}

/** Drops the script's open (hanging) connections: the client gets a network error. */
export async function dropScript(id: string): Promise<number> {
  return ((await (await fetch(`/test/drop/${id}`)).json()) as { dropped: number }).dropped;
}

export async function scriptLog(id: string): Promise<ScriptLog> {
  return (await (await fetch(`/test/log/${id}`)).json()) as ScriptLog;
}

/**
 * Resolves once the scripted server has seen its client close the connection early (an abort):
 * 10 s, not waitUntil's 1 s, because on a busy machine the close and the log request both wait.
 */
export async function untilServerSawClose(id: string): Promise<void> {
  await waitUntil(async () => (await scriptLog(id)).closedEarly === 1, 'the server never saw the connection close', {
    timeout: 10_000,
  });
}

/** SSE chunks for `texts`, each as a `{"content"}` event, spaced `delayMs` apart. */
export function sseChunks(texts: string[], delayMs = 0): ScriptChunk[] {
  return texts.map((text) => ({ text: `data: ${JSON.stringify({ content: text })}\n\n`, delayMs }));
}
