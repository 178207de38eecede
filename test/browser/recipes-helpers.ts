// Helpers for the recipe tests: start a recipe of examples/ (test/support/recipes-plugin.mjs),
// read what its load balancer, its processes and the fake providers saw, and drive the element
// as a user does (real keys, real clicks at the centre of the control).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LlmChatEventMap } from '../../src/events.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { lastMessage, part } from '../support/transport-helpers.js';

export interface ProxiedRequest {
  backend: number;
  method: string;
  requestId: string | null;
  question: string | null;
  lastEventId: string | null;
  status: number | null;
  resumable: string | null;
  cut: boolean;
}

export interface ProviderRequest {
  provider: 'openai' | 'anthropic';
  recipe: string | null;
  apiKey: string | null;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: unknown }[] };
  completed: boolean;
  closedEarly: boolean;
}

export interface RecipeLog {
  requests: ProxiedRequest[];
  provider: ProviderRequest[];
  output: string[][];
}

/** The next event of that type from the element, typed. */
export function nextEvent<K extends keyof LlmChatEventMap>(el: LlmStreamChat, type: K): Promise<LlmChatEventMap[K]> {
  return oneEvent<LlmChatEventMap[K]>(el, type);
}

/** The line every recipe logs when the client closes the connection before the end. */
export const STOPPED_LINE = 'Stopped: the client closed the connection.';
const LONG = { timeout: 15_000 };

/** Starting a recipe (its processes, a Redis) can take a while on a busy machine. */
export const START_TIMEOUT = 90_000;

export async function startRecipe(name: string): Promise<string> {
  const { endpoint } = await executeServerCommand<{ endpoint: string }, { name: string }>('recipe-start', { name });
  return endpoint;
}

export function recipeLog(name: string): Promise<RecipeLog> {
  return executeServerCommand<RecipeLog, { name: string }>('recipe-log', { name });
}

/** The next response of the recipe is cut after `afterEvents` data events. */
export async function dropNext(name: string, afterEvents: number): Promise<void> {
  await executeServerCommand('recipe-drop-next', { name, afterEvents });
}

/** How many times the recipe's processes logged a closed connection. */
export function stopsLogged(log: RecipeLog): number {
  return log.output.flat().filter((line) => line.includes(STOPPED_LINE)).length;
}

/** The requests the load balancer passed whose last message is `question`. */
export function requestsFor(log: RecipeLog, question: string): ProxiedRequest[] {
  return log.requests.filter((entry) => entry.question === question);
}

/** The provider requests whose last message is `question`. */
export function providerRequestsFor(log: RecipeLog, question: string): ProviderRequest[] {
  return log.provider.filter((entry) => entry.body.messages?.at(-1)?.content === question);
}

/** The text of a recorded provider stream (test/fixtures/formats/fixtures.json). */
export async function recordedText(file: string): Promise<string> {
  const fixtures = (await (await fetch('/test/fixtures/formats/fixtures.json')).json()) as {
    file: string;
    text: string;
  }[];
  return fixtures.find((f) => f.file === file)!.text;
}

export async function chatAt(endpoint: string): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(
    html`<llm-stream-chat endpoint=${endpoint} style="--llm-chat-height: 360px"></llm-stream-chat>`,
  );
}

/** A real mouse click at the centre of the element's part. */
export async function press(el: LlmStreamChat, name: string): Promise<void> {
  await el.updateComplete;
  const target = part(el, name);
  expect(target, `the ${name} part`).to.exist;
  const box = target!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Clicks into the composer, types `text` and clicks Send. */
export async function ask(el: LlmStreamChat, text: string): Promise<void> {
  await press(el, 'input');
  await sendKeys({ type: text });
  await press(el, 'send-button');
}

/** Asks, waits for the first text of the answer, clicks Stop: the stopped message. */
export async function askAndStop(el: LlmStreamChat, text: string) {
  await ask(el, text);
  await waitUntil(
    () => lastMessage(el).role === 'assistant' && lastMessage(el).content !== '',
    'no text arrived',
    LONG,
  );
  const stopped = nextEvent(el, 'llm-chat-stop');
  await press(el, 'stop-button');
  await stopped;
  return lastMessage(el);
}

/** Waits until the recipe has logged `count` closed connections. */
export async function untilStopsLogged(name: string, count: number): Promise<void> {
  await waitUntil(
    async () => stopsLogged(await recipeLog(name)) >= count,
    'the recipe never saw the connection close',
    LONG,
  );
}
