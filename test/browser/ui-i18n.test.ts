import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ChatMessage } from '../../src/core/messages.js';
import { defaultStrings, type LlmChatStrings } from '../../src/i18n.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptLog, scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, chatFixture, inputOf, lastMessage, logOf, paragraphChunks, part, untilDelta } from './ui-helpers.js';

/** A translation of every key. */
const french: LlmChatStrings = {
  logLabel: 'Discussion',
  emptyState: 'Écrivez un message pour commencer.',
  userLabel: 'Vous',
  assistantLabel: 'Assistant IA',
  inputLabel: 'Votre message',
  placeholder: 'Écrire un message',
  send: 'Envoyer',
  stop: 'Arrêter',
  thinking: 'Réflexion…',
  stopped: 'Arrêté.',
  interrupted: 'La connexion a été perdue avant la fin de la réponse.',
  reconnecting: 'Reconnexion…',
  truncated: 'La réponse a été coupée : elle a atteint la limite de longueur du modèle.',
  errorFallback: 'Une erreur est survenue.',
  retry: 'Réessayer',
  regenerate: 'Régénérer',
  copy: 'Copier',
  copied: 'Copié',
  copyFailed: 'Impossible de copier le message.',
  tableTools: 'Tableau',
  copyTableMarkdown: 'Copier en Markdown',
  copyTableCsv: 'Copier en CSV',
  downloadTableCsv: 'Télécharger le CSV',
  diagram: 'Diagramme',
  copyCode: 'Copier le code',
  loadImage: 'Charger l’image depuis {host}',
  image: 'Image',
  unrenderedBlock: 'Cette partie de la réponse n’a pas pu être mise en forme ; elle est affichée en texte brut.',
  jumpToLatest: 'Aller à la fin',
  newContent: 'nouveau contenu',
  answerComplete: 'Réponse terminée.',
  answerStopped: 'Réponse arrêtée.',
  answerInterrupted: 'Réponse interrompue.',
  feedbackUp: 'Bonne réponse',
  feedbackDown: 'Mauvaise réponse',
  feedbackCommentLabel: 'Dites-nous en plus (facultatif)',
  feedbackSubmit: 'Envoyer l’avis',
  feedbackThanks: 'Merci pour votre avis.',
  launcherTitle: 'Discussion en direct',
  openChat: 'Ouvrir la discussion',
  closeChat: 'Fermer la discussion',
  unreadAnswer: 'Nouvelle réponse dans la discussion.',
  reasoningStreaming: 'Réflexion en cours…',
  reasoningDone: 'Réflexion : {seconds} s',
  reasoningLabel: 'Raisonnement',
  reasoningRedacted: 'Raisonnement (masqué par le fournisseur)',
  toolLabel: 'Outil : {name}',
  toolRunning: 'En cours',
  toolDone: 'Terminé',
  toolFailed: 'Échec',
  toolCalled: 'Appelé',
  toolOutput: 'Résultat',
  sourcesLabel: 'Sources consultées',
  fileDownload: 'Télécharger {name}',
  fileImage: 'Image du modèle',
  errors: { http: 'Le serveur a répondu par une erreur (HTTP {status}).' },
};

/** Every English default the UI could show (the error texts come from the stream). */
const english = Object.entries(defaultStrings)
  .filter(([key]) => key !== 'errors')
  .map(([, value]) => value as string);

/** All text and all human-readable attributes in the element's shadow root. */
function visibleTexts(el: LlmStreamChat): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent!.trim());
    else for (const name of ['aria-label', 'placeholder', 'title', 'alt']) texts.push((node as Element).getAttribute(name) ?? '');
  }
  return texts.filter((t) => t !== '');
}

function expectNoEnglish(el: LlmStreamChat, state: string): void {
  const texts = visibleTexts(el);
  for (const value of english) {
    expect(texts.filter((t) => t === value), `"${value}" in the ${state} state`).to.deep.equal([]);
  }
}

const withLast = (last: Partial<ChatMessage>): ChatMessage[] => [
  { id: 'u1', role: 'user', content: 'Bonjour', status: 'complete' },
  { id: 'a1', role: 'assistant', content: 'Salut', status: 'complete', ...last },
];

describe('i18n', () => {
  it('the strings property replaces every UI text, in every state', async () => {
    const { url, id } = await scriptedEndpoint(
      { chunks: [], hang: true },
      { chunks: paragraphChunks(100, 10), hang: true },
      { chunks: [...sseChunks(['Fini']), DONE] },
      { status: 503, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'x' }] },
    );
    const el = await chatFixture(url);
    el.strings = french;
    await el.updateComplete;
    expectNoEnglish(el, 'empty');
    expect(part(el, 'empty')!.textContent).to.contain(french.emptyState);
    expect(inputOf(el).placeholder).to.equal(french.placeholder);

    el.send('Bonjour'); // waiting, with the stop button
    await el.updateComplete;
    expectNoEnglish(el, 'waiting');
    expect(part(el, 'stop-button')!.textContent!.trim()).to.equal('Arrêter');
    // The request starts in a task after the send; stop once the server has it, so that each
    // send below takes the next scripted response.
    await waitUntil(async () => (await scriptLog(id)).requests.length === 1, 'the request never reached the server');
    el.stop();
    await oneEvent(el, 'llm-chat-stop');
    await el.updateComplete;
    expectNoEnglish(el, 'stopped');
    expect(part(el, 'notice')!.textContent).to.equal('Arrêté.');

    el.send('Encore'); // streaming, scrolled away: jump button with its new-content dot
    await untilDelta(el, () => logOf(el).scrollHeight > logOf(el).clientHeight * 2);
    logOf(el).scrollTop = 0;
    await oneEvent(logOf(el), 'scroll');
    await untilDelta(el, () => part(el, 'new-content-indicator') !== null);
    expectNoEnglish(el, 'streaming');
    expect(part(el, 'jump-button')!.textContent).to.contain('Aller à la fin');
    el.stop();
    await oneEvent(el, 'llm-chat-stop');

    el.send('Et alors');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expectNoEnglish(el, 'complete');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Réponse terminée.');

    el.send('Erreur');
    const error = await oneEvent(el, 'llm-chat-error');
    await el.updateComplete;
    expect(error.detail.message).to.equal('Le serveur a répondu par une erreur (HTTP 503).');
    expect(part(el, 'error')!.textContent).to.equal('Le serveur a répondu par une erreur (HTTP 503).');
    expectNoEnglish(el, 'error');

    el.messages = withLast({ status: 'interrupted' });
    await el.updateComplete;
    expectNoEnglish(el, 'interrupted');
    expect(part(el, 'retry-button')!.textContent!.trim()).to.equal('Réessayer');
  });

  it('keys left out keep their English defaults', async () => {
    const el = await chatFixture('/api/chat');
    el.strings = { send: 'Envoyer' };
    await el.updateComplete;
    expect(part(el, 'send-button')!.textContent!.trim()).to.equal('Envoyer');
    expect(inputOf(el).getAttribute('aria-label')).to.equal('Message');
    expect(lastMessage(el)).to.be.undefined;
  });

  it('an error reason without an override shows the stream’s own text', async () => {
    const el = await chatFixture('');
    el.strings = { errors: { http: 'HTTP {status} !' } };
    el.send('Hi');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain('No endpoint is set');
  });

  it('respects lang: the shadow content takes the language of the element or the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" dir="rtl"><llm-stream-chat endpoint="/api/chat"></llm-stream-chat></div>`);
    const el = wrapper.querySelector('llm-stream-chat')!;
    el.messages = withLast({});
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[lang]'), 'no language is forced inside').to.be.null;
    expect(inputOf(el).matches(':lang(ar)')).to.be.true;
    expect(el.shadowRoot!.querySelector('.content')!.matches(':lang(ar)')).to.be.true;
    el.lang = 'fr';
    expect(inputOf(el).matches(':lang(fr)')).to.be.true;
  });
});
