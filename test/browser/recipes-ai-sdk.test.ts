// The AI SDK resumable-stream recipe (examples/ai-sdk-resumable.ts): an AI SDK backend whose
// answers live in a real Redis through the `resumable-stream` package, with the GET route that
// `useChat({ resume: true })` calls after a reload. The element reads its POST answers; after a
// Stop (which only closes the connection), the GET route re-attaches to the running answer,
// replays it from the start and follows it to the end; then it answers 204.
import { expect } from '@open-wc/testing';
import { readTextStream } from '../../src/core/index.js';
import {
  ask,
  askAndStop,
  chatAt,
  nextEvent,
  providerRequestsFor,
  recipeLog,
  recordedText,
  requestsFor,
  START_TIMEOUT,
  startRecipe,
  stopsLogged,
  untilStopsLogged,
} from './recipes-helpers.js';

const NAME = 'ai-sdk-resumable';

/** The text of a UI message stream response, read with the element's own core. */
async function textOf(response: Response): Promise<string> {
  let text = '';
  for await (const part of readTextStream(response, { format: 'ai-sdk' })) {
    if (part.type === 'text') text += part.text;
    if (part.type === 'error') throw new Error(`the stream failed: ${part.reason}`);
  }
  return text;
}

/** The requestId of the answer to `question`: the resume route's chat id. */
async function requestIdFor(question: string): Promise<string> {
  const [request] = requestsFor(await recipeLog(NAME), question);
  return request.requestId!;
}

describe('recipe: ai-sdk-resumable', () => {
  let endpoint = '';
  before(async function () {
    this.timeout(START_TIMEOUT);
    endpoint = await startRecipe(NAME);
  });

  it('answers through the AI SDK; afterwards the resume route has nothing running (204)', async () => {
    const expected = await recordedText('openai-chat.sse');
    const el = await chatAt(endpoint);
    const done = nextEvent(el, 'llm-chat-done');
    const question = 'Hello through the AI SDK';
    await ask(el, question);
    expect((await done).detail.message.content).to.equal(expected);
    expect(providerRequestsFor(await recipeLog(NAME), question)).to.have.length(1);
    const resumed = await fetch(`${endpoint}/${encodeURIComponent(await requestIdFor(question))}/stream`);
    expect(resumed.status).to.equal(204);
  });

  it('after a Stop, the GET route re-attaches to the running answer and follows it to the end, generated once', async () => {
    const expected = await recordedText('openai-chat.sse');
    const before = stopsLogged(await recipeLog(NAME));
    const el = await chatAt(endpoint);
    const question = 'Stop, then pick it up again';
    const stopped = await askAndStop(el, question);
    expect(stopped.status).to.equal('stopped');
    expect(stopped.content.length).to.be.below(expected.length);
    await untilStopsLogged(NAME, before + 1);

    const stream = `${endpoint}/${encodeURIComponent(await requestIdFor(question))}/stream`;
    const resumed = await fetch(stream);
    expect(resumed.status, 'the answer is still running').to.equal(200);
    expect(resumed.headers.get('x-vercel-ai-ui-message-stream')).to.equal('v1');
    expect(await textOf(resumed), 'the whole answer, replayed and followed').to.equal(expected);

    const generations = providerRequestsFor(await recipeLog(NAME), question);
    expect(generations, 'the model was asked once').to.have.length(1);
    expect(generations[0].completed, 'the Stop did not end the generation').to.be.true;
    expect((await fetch(stream)).status, 'finished: nothing left to resume').to.equal(204);
  });
});
