// The npm entries (dist/, compiled by tsc, unbundled) imported in a browser: the main entry has no
// side effects, the define entry registers the class it exports, the core runs, and the element
// from these files completes an exchange.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LlmStreamChat } from '../../dist/index.js';
import { parseServerSentEvents } from '../../dist/core/index.js';

describe('npm entries in the browser', () => {
  it('llm-stream-chat exports the class and registers nothing; llm-stream-chat/define registers it', async () => {
    expect(LlmStreamChat).to.be.a('function');
    expect(customElements.get('llm-stream-chat'), 'importing the main entry registered the tag').to.equal(undefined);
    const define = await import('../../dist/define.js');
    expect(define.LlmStreamChat).to.equal(LlmStreamChat);
    expect(customElements.get('llm-stream-chat')).to.equal(LlmStreamChat);
  });

  it('llm-stream-chat/core parses an event stream', async () => {
    const body = new Blob(['data: a\n\nid: 7\ndata: b\n\n']).stream();
    const events = [];
    for await (const event of parseServerSentEvents(body)) events.push(event);
    expect(events).to.deep.equal([
      { type: 'message', data: 'a', lastEventId: '' },
      { type: 'message', data: 'b', lastEventId: '7' },
    ]);
  });

  it('the element from dist/ streams an answer', async () => {
    await import('../../dist/define.js');
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat?delay=1"></llm-stream-chat>`);
    el.send('hello');
    const done = await oneEvent(el, 'llm-chat-done');
    expect(done.detail.message.status).to.equal('complete');
  });

  it('dist/custom-elements.json is served with the element in it', async () => {
    const manifest = await (await fetch('/dist/custom-elements.json')).json();
    const tags = manifest.modules.flatMap((m: { declarations: { tagName?: string }[] }) =>
      m.declarations.map((d) => d.tagName).filter(Boolean),
    );
    expect(tags).to.deep.equal(['llm-stream-chat', 'llm-stream-chat-launcher']);
  });
});
