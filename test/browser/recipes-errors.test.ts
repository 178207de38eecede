// Every recipe of examples/ answers a request without a "messages" array with a 400 and a
// sentence, and the element shows that sentence: a site whose page and backend disagree on the
// request body sees why at once, in the answer's bubble.
import { expect } from '@open-wc/testing';
import { part } from '../support/transport-helpers.js';
import { ask, chatAt, nextEvent, START_TIMEOUT, startRecipe } from './recipes-helpers.js';

const RECIPES = [
  'plain-node',
  'express',
  'openai-proxy',
  'anthropic-proxy',
  'nextjs-route',
  'resume-memory',
  'resume-redis',
  'ai-sdk-resumable',
];

describe('recipes: a request without messages', () => {
  const endpoints = new Map<string, string>();
  before(async function () {
    this.timeout(START_TIMEOUT);
    for (const name of RECIPES) endpoints.set(name, await startRecipe(name));
  });

  for (const name of RECIPES) {
    it(`${name} answers 400 with a sentence the element shows`, async () => {
      const el = await chatAt(endpoints.get(name)!);
      // A page whose request shape the backend does not know.
      el.prepareRequest = (request) => ({ ...request, body: JSON.stringify({ prompt: 'Hello' }) });
      const failed = nextEvent(el, 'llm-chat-error');
      await ask(el, 'Hello');
      expect((await failed).detail.reason).to.equal('http');
      await el.updateComplete;
      expect(part(el, 'error')?.textContent).to.contain('The request needs a "messages" array.');
    });
  }
});
