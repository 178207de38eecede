// The React, Vue and Svelte example apps (demo/<name>), built with Vite by the test server
// (test/support/examples-middleware.mjs) and loaded whole in an iframe: the framework passes the
// `messages` array as a property, the user sends a message through the element's UI, the answer
// streams from the loopback mock backend, and the framework's own event binding sees it finish.
import { expect, waitUntil } from '@open-wc/testing';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { askThroughUi, chatElementIn, lastAnswer, loadFrame, type LoadedFrame } from '../support/page-frame.js';

const FRAMEWORKS = [
  ['react', 'React'],
  ['vue', 'Vue'],
  ['svelte', 'Svelte'],
] as const;

describe('framework example apps', function () {
  let page: LoadedFrame | undefined;

  before(async function () {
    // Each app is built once, on first request; build them up front so no test waits on Vite.
    this.timeout(240_000);
    for (const [name] of FRAMEWORKS) {
      const response = await fetch(`/examples/${name}/`);
      if (!response.ok) throw new Error(`demo/${name} did not build:\n${await response.text()}`);
    }
  });

  afterEach(() => page?.frame.remove());

  for (const [name, label] of FRAMEWORKS) {
    it(`${label}: the built app completes a streamed exchange and sees llm-chat-done`, async () => {
      page = await loadFrame(`/examples/${name}/`);
      const element = await chatElementIn(page);
      // The framework set `messages` as a property: the welcome message is rendered as Markdown.
      expect(element.messages.map((m) => m.role)).to.deep.equal(['assistant']);
      expect(lastAnswer(element).querySelector('strong')?.textContent).to.equal(label);

      const question = 'Show me some code';
      const done = await askThroughUi(page, element, question);
      const expected = pickAnswer([{ role: 'user', content: question }]);
      expect(done.detail.message.content).to.equal(expected);
      expect(lastAnswer(element).querySelector('pre code')).to.exist;

      // The app's own event binding (onLlmChatDone / @llm-chat-done / onllm-chat-done) ran.
      const output = (id: string) => page!.document.getElementById(id)?.textContent;
      await waitUntil(() => output('answers') === '1', `the ${label} app never saw llm-chat-done`);
      expect(output('last-length')).to.equal(String(expected.length));
    });
  }
});
