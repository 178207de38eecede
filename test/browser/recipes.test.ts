// The backend recipes of examples/ (docs/backends.md, "Recipes"), each run as its own Node process on
// 127.0.0.1 and driven through the real element: a full exchange and a Stop that the server
// sees. The provider proxies talk to local servers that replay OpenAI's and Anthropic's
// recorded streams, through the official SDKs pointed at them with a base URL.
import { expect, waitUntil } from '@open-wc/testing';
import { lastMessage, part } from '../support/transport-helpers.js';
import {
  ask,
  askAndStop,
  chatAt,
  nextEvent,
  providerRequestsFor,
  recipeLog,
  recordedText,
  START_TIMEOUT,
  startRecipe,
  stopsLogged,
  untilStopsLogged,
} from './recipes-helpers.js';

const LONG = { timeout: 15_000 };

for (const name of ['plain-node', 'express']) {
  describe(`recipe: ${name}`, () => {
    let endpoint = '';
    before(async function () {
      this.timeout(START_TIMEOUT);
      endpoint = await startRecipe(name);
    });

    it('answers a typed question with its echo, rendered as Markdown', async () => {
      const el = await chatAt(endpoint);
      const done = nextEvent(el, 'llm-chat-done');
      await ask(el, 'Is café ☕ a word?');
      expect((await done).detail.message.content).to.equal('You said: **Is café ☕ a word?**');
      await el.updateComplete;
      const bubble = el.shadowRoot!.querySelector('[part~="assistant-message"] [part~="content"]')!;
      expect(bubble.querySelector('strong')?.textContent).to.equal('Is café ☕ a word?');
      expect(lastMessage(el).status).to.equal('complete');
    });

    it('stops when the user clicks Stop, and the server sees the connection close', async () => {
      const before = stopsLogged(await recipeLog(name));
      const el = await chatAt(endpoint);
      const question = 'Please repeat this rather long sentence back to me, slowly, piece by piece.';
      const message = await askAndStop(el, question);
      const full = `You said: **${question}**`;
      expect(message.status).to.equal('stopped');
      expect(full.startsWith(message.content)).to.be.true;
      expect(message.content.length).to.be.below(full.length);
      await untilStopsLogged(name, before + 1);
      await el.updateComplete;
      expect(part(el, 'notice')?.textContent).to.equal('Stopped.');
    });
  });
}

const PROXIES = [
  { name: 'openai-proxy', file: 'openai-chat.sse', provider: 'openai', apiKey: 'sk-test-openai-proxy' },
  { name: 'anthropic-proxy', file: 'anthropic.sse', provider: 'anthropic', apiKey: 'sk-ant-test-anthropic-proxy' },
  { name: 'nextjs-route', file: 'openai-chat.sse', provider: 'openai', apiKey: 'sk-test-nextjs-route' },
] as const;

for (const { name, file, provider, apiKey } of PROXIES) {
  describe(`recipe: ${name}`, () => {
    let endpoint = '';
    before(async function () {
      this.timeout(START_TIMEOUT);
      endpoint = await startRecipe(name);
    });

    it(`relays the ${provider} SDK's answer, and forwards the conversation with the server's key`, async () => {
      const expected = await recordedText(file);
      const el = await chatAt(endpoint);
      const question = `Hello from the ${name} test`;
      const done = nextEvent(el, 'llm-chat-done');
      await ask(el, question);
      expect((await done).detail.message.content).to.equal(expected);
      const [request, ...more] = providerRequestsFor(await recipeLog(name), question);
      expect(more, 'one upstream request').to.have.length(0);
      expect(request).to.include({ provider, recipe: name, completed: true });
      expect(request.apiKey, 'the key from the server environment').to.contain(apiKey);
      expect(request.body.messages).to.deep.equal([{ role: 'user', content: question }]);
      if (provider === 'openai') expect(request.body.stream).to.equal(true);

      // A second turn sends the whole conversation, as role + content only.
      const second = nextEvent(el, 'llm-chat-done');
      await ask(el, `And again, ${name}`);
      await second;
      const [again] = providerRequestsFor(await recipeLog(name), `And again, ${name}`);
      expect(again.body.messages).to.deep.equal([
        { role: 'user', content: question },
        { role: 'assistant', content: expected },
        { role: 'user', content: `And again, ${name}` },
      ]);
    });

    it('on Stop, closes the upstream request to the provider', async () => {
      const expected = await recordedText(file);
      const before = stopsLogged(await recipeLog(name));
      const el = await chatAt(endpoint);
      const question = `Stop me, ${name}`;
      const message = await askAndStop(el, question);
      expect(message.status).to.equal('stopped');
      expect(expected.startsWith(message.content)).to.be.true;
      expect(message.content.length).to.be.below(expected.length);
      await untilStopsLogged(name, before + 1);
      await waitUntil(
        async () => providerRequestsFor(await recipeLog(name), question)[0]?.closedEarly === true,
        'the provider never saw its request closed',
        LONG,
      );
    });
  });
}
