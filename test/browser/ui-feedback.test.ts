import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmChatActionDetail, LlmChatFeedbackDetail } from '../../src/events.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { clickControl, press, typeText } from '../support/user-input.js';
import { part, parts } from './ui-helpers.js';

const conversation = (): ChatMessage[] => [
  { id: 'u1', role: 'user', content: 'Question', status: 'complete' },
  { id: 'a1', role: 'assistant', content: 'An **answer**.', status: 'complete' },
];

async function ratedFixture(attrs: { comment?: boolean } = {}): Promise<LlmStreamChat> {
  const el = await fixture<LlmStreamChat>(
    html`<llm-stream-chat feedback ?feedback-comment=${attrs.comment} .messages=${conversation()}></llm-stream-chat>`,
  );
  await el.updateComplete;
  return el;
}

describe('message ids, feedback and actions', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference' }));

  it('every bubble carries its message id', async () => {
    const el = await ratedFixture();
    expect(parts(el, 'message').map((m) => m.dataset.messageId)).to.deep.equal(['u1', 'a1']);
  });

  it('thumbs up by a real click: the event has the id, the choice shows and is kept in messages; again withdraws it', async () => {
    const el = await ratedFixture();
    expect(parts(el, 'feedback-button')).to.have.length(2); // only under the answer
    const up = part(el, 'feedback-up')!;
    expect(up.getAttribute('aria-label')).to.equal('Good answer');
    let event = oneEvent(el, 'llm-chat-feedback');
    await clickControl(up);
    let detail = ((await event) as CustomEvent<LlmChatFeedbackDetail>).detail;
    expect([detail.messageId, detail.value]).to.deep.equal(['a1', 'up']);
    await el.updateComplete;
    expect(up.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'feedback-down')!.getAttribute('aria-pressed')).to.equal('false');
    expect(el.messages[1].feedback).to.deep.equal({ value: 'up' });
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Thanks for your feedback.');
    await expect(el).shadowDom.to.be.accessible();

    event = oneEvent(el, 'llm-chat-feedback');
    await clickControl(up);
    detail = ((await event) as CustomEvent<LlmChatFeedbackDetail>).detail;
    expect(detail.value).to.be.undefined;
    expect(el.messages[1].feedback).to.be.undefined;
  });

  it('keyboard only, with feedback-comment: thumbs down, the comment box takes focus, Enter on its button sends the comment', async () => {
    const el = await ratedFixture({ comment: true });
    part(el, 'feedback-down')!.focus();
    const first = oneEvent(el, 'llm-chat-feedback');
    await press('Enter');
    expect(((await first) as CustomEvent<LlmChatFeedbackDetail>).detail.value).to.equal('down');
    await el.updateComplete;
    const box = part<HTMLTextAreaElement>(el, 'feedback-comment')!;
    expect(el.shadowRoot!.activeElement).to.equal(box);
    await expect(el).shadowDom.to.be.accessible();
    await typeText('Too short');
    await press('Tab');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'feedback-submit'));
    const second = oneEvent(el, 'llm-chat-feedback');
    await press('Enter');
    const detail = ((await second) as CustomEvent<LlmChatFeedbackDetail>).detail;
    expect([detail.messageId, detail.value, detail.comment]).to.deep.equal(['a1', 'down', 'Too short']);
    await el.updateComplete;
    expect(part(el, 'feedback-form')).to.be.null;
    expect(el.messages[1].feedback).to.deep.equal({ value: 'down', comment: 'Too short' });
  });

  it('feedback survives storage; malformed feedback given in messages is dropped', async () => {
    localStorage.removeItem('feedback-test');
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat feedback storage-key="feedback-test"></llm-stream-chat>`);
    el.messages = conversation();
    await el.updateComplete;
    await clickControl(el, 'feedback-down');
    await el.updateComplete;
    const again = await fixture<LlmStreamChat>(html`<llm-stream-chat feedback storage-key="feedback-test"></llm-stream-chat>`);
    await again.updateComplete;
    expect(again.messages[1].feedback).to.deep.equal({ value: 'down' });
    expect(part(again, 'feedback-down')!.getAttribute('aria-pressed')).to.equal('true');
    localStorage.removeItem('feedback-test');
    again.messages = [{ ...conversation()[1], feedback: { value: 'maybe' } as unknown as ChatMessage['feedback'] }];
    expect(again.messages[0].feedback).to.be.undefined;
  });

  it('host actions on answers and user messages fire llm-chat-action with the action and message id', async () => {
    const el = await fixture<LlmStreamChat>(
      html`<llm-stream-chat
        .actions=${[
          { id: 'share', label: 'Share', icon: '↗' },
          { id: 'pin', label: 'Pin', roles: ['user', 'assistant'] },
        ]}
        .messages=${conversation()}
      ></llm-stream-chat>`,
    );
    await el.updateComplete;
    const [userBubble, answerBubble] = parts(el, 'message');
    expect([...userBubble.querySelectorAll('[part~="action-button"]')].map((b) => b.textContent.trim())).to.deep.equal(['Pin']);
    const answerActions = [...answerBubble.querySelectorAll<HTMLElement>('[part~="action-button"]')];
    expect(answerActions.map((b) => b.textContent.trim())).to.deep.equal(['↗ Share', 'Pin']);
    let event = oneEvent(el, 'llm-chat-action');
    await clickControl(answerActions[0]);
    let detail = ((await event) as CustomEvent<LlmChatActionDetail>).detail;
    expect([detail.action, detail.messageId]).to.deep.equal(['share', 'a1']);
    event = oneEvent(el, 'llm-chat-action');
    await clickControl(userBubble.querySelector<HTMLElement>('[part~="action-button"]')!);
    detail = ((await event) as CustomEvent<LlmChatActionDetail>).detail;
    expect([detail.action, detail.messageId]).to.deep.equal(['pin', 'u1']);
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).shadowDom.to.be.accessible();
  });

  it('right to left and dark: the thumbs render, pressed state is visible', async () => {
    const el = await ratedFixture();
    el.dir = 'rtl';
    await emulateMedia({ colorScheme: 'dark' });
    await clickControl(el, 'feedback-up');
    await el.updateComplete;
    const up = part(el, 'feedback-up')!;
    const down = part(el, 'feedback-down')!;
    expect(getComputedStyle(up).backgroundColor).to.not.equal(getComputedStyle(down).backgroundColor);
    // In right-to-left, the up button is to the right of the down button.
    expect(up.getBoundingClientRect().left).to.be.greaterThan(down.getBoundingClientRect().left);
    await expect(el).shadowDom.to.be.accessible();
  });
});
