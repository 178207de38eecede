// The element under random response bodies: random bytes and random almost-SSE, random statuses
// and content types, random chunkings, sometimes an endless stream the user stops. Nothing may
// escape the element (no window `error`, no `unhandledrejection`), and every run must end with
// the answer in a terminal state, the question kept, and the UI agreeing with `messages`.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, type ScriptResponse } from '../support/script-client.js';
import { Rng, TERMINAL, caseSeed, chunkBytes, encoder, ending, hostileServers, lastMessage, nextFrame, sseBody } from '../support/hostile-client.js';

const RUNS = 120;
const PARALLEL = 4;

const SSE_PIECES = [
  'data: ', 'data:', 'event: ', 'id: ', 'retry: ', ': comment', '\n', '\r', '\r\n', '\n\n', '{"content":"', '"}', '{"text":',
  '{"delta":"x"}', '[DONE]', '{"error":{"message":"boom"}}', 'event: error', '\ufeff', 'é', '🎉', '\u0000', '<img src=x onerror=__xss()>',
  '**bold', '```', '| a |', '\\', '"', '{', '}',
];

/** A random body: raw bytes, almost-SSE, or a valid answer cut short. */
function randomBody(rng: Rng): Uint8Array {
  const kind = rng.int(0, 2);
  if (kind === 0) {
    const bytes = new Uint8Array(rng.int(0, 3000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
    return bytes;
  }
  if (kind === 1) {
    let text = '';
    const n = rng.int(0, 200);
    for (let i = 0; i < n; i++) text += rng.pick(SSE_PIECES);
    return encoder.encode(text);
  }
  const deltas = Array.from({ length: rng.int(1, 40) }, () => rng.pick(SSE_PIECES));
  const body = encoder.encode(sseBody(deltas, rng.chance(0.5)));
  return body.subarray(0, rng.chance(0.5) ? body.length : rng.int(0, body.length));
}

function randomResponse(rng: Rng): ScriptResponse {
  const status = rng.chance(0.8) ? 200 : rng.pick([201, 204, 400, 404, 500, 503]);
  const contentType = rng.chance(0.7)
    ? 'text/event-stream'
    : rng.pick(['text/html', 'application/json', 'text/plain; charset=latin1', 'application/octet-stream', 'text/event-stream; charset=utf-16']);
  const body = status === 204 ? new Uint8Array(0) : randomBody(rng);
  const maxChunk = rng.pick([1, 7, 64, 1024]);
  return {
    status,
    headers: { 'Content-Type': contentType },
    chunks: chunkBytes(body, rng, maxChunk, maxChunk === 1 ? 0 : rng.pick([0, 0, 3])),
    hang: status === 200 && rng.chance(0.15),
  };
}

describe('fuzz: random responses through the element', function () {
  this.timeout(120_000);
  const escaped: string[] = [];
  const onError = (event: ErrorEvent) => escaped.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => escaped.push(`unhandledrejection: ${String(event.reason)}`);
  let seed = 0;

  before(async () => {
    seed = (await hostileServers()).seed;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    (window as unknown as { __xss: () => void }).__xss = () => escaped.push('__xss() ran');
  });

  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it(`${RUNS} random responses end in a terminal state and nothing escapes`, async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const outcomes: Record<string, number> = {};
    const problems: string[] = [];

    const run = async (index: number) => {
      const rng = new Rng(caseSeed(seed, 0xf022, index));
      const response = randomResponse(rng);
      const { url } = await scriptedEndpoint(response);
      const el = document.createElement('llm-stream-chat') as LlmStreamChat;
      el.endpoint = url;
      // Real retries and reconnections happen (503s, dropped resumable streams), but with short
      // waits: this test is about where each run ends, not how long the backoff takes.
      el.retryDelay = 10;
      el.idleTimeout = 5_000;
      host.append(el);
      await el.updateComplete;
      const ended = ending(el);
      el.send(`fuzz ${index}`);
      // The user stops endless streams, and sometimes a finite one, after a few frames.
      if (response.hang || rng.chance(0.1)) {
        const frames = rng.int(1, 20);
        for (let f = 0; f < frames && el.streaming; f++) await nextFrame();
        el.stop();
      }
      // A run that reaches no end is itself a finding: name it, rather than time the whole test out.
      let timer = 0;
      const event = await Promise.race([
        ended,
        new Promise<'no end'>((resolve) => (timer = window.setTimeout(() => resolve('no end'), 30_000))),
      ]);
      clearTimeout(timer);
      if (event === 'no end') {
        console.log(`fuzz run ${index} never ended; its response, to reproduce:`, JSON.stringify(response));
        problems.push(`run ${index} (seed ${seed}): no end event within 30 s; status ${lastMessage(el).status}; ${JSON.stringify(response).slice(0, 300)}`);
        el.remove();
        return;
      }
      await el.updateComplete;
      const answer = lastMessage(el);
      const where = `run ${index} (seed ${seed}, status ${response.status}, ${response.headers!['Content-Type']})`;
      if (!TERMINAL.includes(answer.status)) problems.push(`${where}: ended ${answer.status} after ${event}`);
      if (el.streaming) problems.push(`${where}: still streaming after ${event}`);
      if (el.messages[0]?.content !== `fuzz ${index}` || el.messages.length !== 2) problems.push(`${where}: the question was lost`);
      const shownError = el.shadowRoot!.querySelector('[part~="error"]')?.textContent ?? null;
      if ((answer.status === 'error') !== (shownError !== null && shownError.trim() !== '')) {
        problems.push(`${where}: status ${answer.status} but error text ${JSON.stringify(shownError)}`);
      }
      outcomes[`${event} → ${answer.status}`] = (outcomes[`${event} → ${answer.status}`] ?? 0) + 1;
      el.remove();
    };

    for (let i = 0; i < RUNS; i += PARALLEL) {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, RUNS - i) }, (_, k) => run(i + k)));
    }
    await nextFrame();
    host.remove();
    console.log(`fuzz: ${RUNS} random responses through the element, seed ${seed}; outcomes ${JSON.stringify(outcomes)}`);
    expect(problems).to.deep.equal([]);
    expect(escaped, 'errors that escaped the element').to.deep.equal([]);
  });
});
