// The resumable recipes of examples/: answers buffered in memory (one process) and in a real
// Redis (two processes behind a round-robin load balancer). A connection cut mid-answer is
// resumed with Last-Event-ID; the answer completes exactly once and the model is asked once.
// The recipes opt in with `Chat-Resumable: true`, so the element may resume them at all.
import { expect } from '@open-wc/testing';
import { lastMessage } from '../support/transport-helpers.js';
import {
  ask,
  askAndStop,
  chatAt,
  nextEvent,
  dropNext,
  providerRequestsFor,
  recipeLog,
  recordedText,
  requestsFor,
  START_TIMEOUT,
  startRecipe,
  stopsLogged,
  untilStopsLogged,
} from './recipes-helpers.js';

for (const { name, processes } of [
  { name: 'resume-memory', processes: 1 },
  { name: 'resume-redis', processes: 2 },
]) {
  describe(`recipe: ${name}`, () => {
    let endpoint = '';
    before(async function () {
      this.timeout(START_TIMEOUT);
      endpoint = await startRecipe(name);
    });

    it('answers in full, every event with an id, and says it is resumable', async () => {
      const expected = await recordedText('openai-chat.sse');
      const el = await chatAt(endpoint);
      const done = nextEvent(el, 'llm-chat-done');
      const question = `A plain question for ${name}`;
      await ask(el, question);
      const { message, timing } = (await done).detail;
      expect(message.content).to.equal(expected);
      expect(timing.reconnects).to.equal(0);
      const log = await recipeLog(name);
      const requests = requestsFor(log, question);
      expect(requests).to.have.length(1);
      expect(requests[0]).to.include({ status: 200, resumable: 'true', lastEventId: null, cut: false });
      expect(providerRequestsFor(log, question)).to.have.length(1);
    });

    it(
      processes === 1
        ? 'resumes a connection cut mid-answer exactly where it was cut'
        : 'resumes a connection cut mid-answer on the OTHER process: complete once, generated once',
      async () => {
        const expected = await recordedText('openai-chat.sse');
        const el = await chatAt(endpoint);
        const question = `Survive a drop, ${name}`;
        await dropNext(name, 3);
        const done = nextEvent(el, 'llm-chat-done');
        await ask(el, question);
        const { message, timing } = (await done).detail;
        expect(message.content).to.equal(expected);
        expect(timing.reconnects).to.equal(1);
        expect(el.messages.map((m) => m.content)).to.deep.equal([question, expected]);
        expect(lastMessage(el).status).to.equal('complete');

        const log = await recipeLog(name);
        const requests = requestsFor(log, question);
        expect(requests, 'the first request and one resumption').to.have.length(2);
        const [first, resumed] = requests;
        expect(first).to.include({ status: 200, resumable: 'true', cut: true, lastEventId: null });
        expect(resumed.lastEventId, 'the resumption names the last event it got').to.be.a('string').and.not.equal('');
        expect(resumed).to.include({ status: 200, resumable: 'true', cut: false });
        if (processes === 2)
          expect(resumed.backend, 'the resumption reached the other process').to.not.equal(first.backend);
        const generations = providerRequestsFor(log, question);
        expect(generations, 'the model was asked once').to.have.length(1);
        expect(generations[0].completed).to.be.true;
      },
    );

    it('stops when the user clicks Stop; the server sees the connection close', async () => {
      const expected = await recordedText('openai-chat.sse');
      const before = stopsLogged(await recipeLog(name));
      const el = await chatAt(endpoint);
      const question = `Stop me, ${name}`;
      const message = await askAndStop(el, question);
      expect(message.status).to.equal('stopped');
      expect(expected.startsWith(message.content)).to.be.true;
      expect(message.content.length).to.be.below(expected.length);
      await untilStopsLogged(name, before + 1);
      // No resumption follows a Stop.
      const log = await recipeLog(name);
      expect(requestsFor(log, question)).to.have.length(1);
    });
  });
}
