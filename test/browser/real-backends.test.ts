// The element, given only an `endpoint` (and `model` for the OpenAI-compatible server), against
// servers written as each library's documentation shows (test/support/real-backends.mjs), on the
// test server's loopback: the question is typed and sent with real keys; each answer must be
// exact, complete, and asked for with exactly one POST, over three turns.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { answerFor } from '../support/real-answers.mjs';
import { lastMessage, part } from '../support/transport-helpers.js';

async function requestsOf(run: string): Promise<number> {
  return ((await (await fetch(`/real/log?run=${run}`)).json()) as { requests: number }).requests;
}

/** Clicks the composer at its centre and types `text`, then Enter, as a user does. */
async function ask(el: LlmStreamChat, text: string): Promise<void> {
  const input = part(el, 'input')!;
  const box = input.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

async function converse(endpoint: string, model?: string) {
  const run = crypto.randomUUID();
  const url = `${endpoint}?run=${run}`;
  const el = await fixture<LlmStreamChat>(
    model
      ? html`<llm-stream-chat endpoint=${url} model=${model}></llm-stream-chat>`
      : html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`,
  );
  const answers: { text: string; status: string; event: string; requests: number }[] = [];
  for (let turn = 1; turn <= 3; turn++) {
    const ended = Promise.race([oneEvent(el, 'llm-chat-done'), oneEvent(el, 'llm-chat-error')]);
    await ask(el, `question ${turn}`);
    const event = await ended;
    await el.updateComplete;
    const message = lastMessage(el);
    answers.push({ text: message.content, status: message.status, event: event.type, requests: await requestsOf(run) });
  }
  return { el, answers };
}

const expected = (turn: number) =>
  answerFor(
    Array.from({ length: turn }, (_, i) => `question ${i + 1}`),
    turn - 1,
  );

describe('real server libraries, with only an endpoint', () => {
  for (const [name, path] of [
    ['AI SDK route handler, toUIMessageStreamResponse()', '/real/ai-sdk-ui'],
    ['AI SDK route handler, toTextStreamResponse()', '/real/ai-sdk-text'],
    ['Hono streamSSE, an id on every event, a clean close', '/real/hono-ids'],
    ["Hono streamSSE, event: 'token'", '/real/hono-token'],
    ['better-sse session.push(token)', '/real/better-sse'],
    ['LangChain HttpResponseOutputParser, text/event-stream', '/real/langchain-sse'],
    ['LangChain HttpResponseOutputParser, text/plain', '/real/langchain-text'],
  ]) {
    it(`${name}: three exact answers, complete, one POST each`, async () => {
      const { el, answers } = await converse(path);
      answers.forEach((answer, i) => {
        expect(answer, `turn ${i + 1}`).to.deep.equal({
          text: expected(i + 1),
          status: 'complete',
          event: 'llm-chat-done',
          requests: i + 1,
        });
      });
      expect(el.messages.map((m) => m.role)).to.deep.equal([
        'user',
        'assistant',
        'user',
        'assistant',
        'user',
        'assistant',
      ]);
      // Nothing more is asked once the answers are done (a re-POST loop would show here).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await requestsOf(new URL(el.endpoint, location.href).searchParams.get('run')!)).to.equal(3);
    });
  }

  it('mock-llm (OpenAI-compatible) with model: streamed, three exact answers, one POST each', async () => {
    const { answers } = await converse('/real/openai/v1/chat/completions', 'gpt-4o-mini');
    answers.forEach((answer, i) => {
      expect(answer, `turn ${i + 1}`).to.deep.equal({
        text: `You said: question ${i + 1}`,
        status: 'complete',
        event: 'llm-chat-done',
        requests: i + 1,
      });
    });
  });

  it('mock-llm (OpenAI-compatible) without model: a non-streamed JSON completion is the answer', async () => {
    const { el, answers } = await converse('/real/openai/v1/chat/completions');
    answers.forEach((answer, i) => {
      expect(answer, `turn ${i + 1}`).to.deep.equal({
        text: `You said: question ${i + 1}`,
        status: 'complete',
        event: 'llm-chat-done',
        requests: i + 1,
      });
    });
    expect(lastMessage(el).finishReason).to.equal('stop');
  });
});
