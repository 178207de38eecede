// Lifecycle and load: removal aborts, no leaks over 200 exchanges, 20 streams at once keep the
// page responsive, a 1,000-message history restores in bounded time. The bounds are guards
// against leaks and pathological blocking, generous enough for a busy 2-core machine; each test
// prints what it measured.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import type { ChatMessage } from '../../src/core/messages.js';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { scriptedEndpoint, scriptLog, sseChunks, untilServerSawClose } from '../support/script-client.js';
import { ending, heapFigures, hostileServers, lastMessage, nextFrame, traceStart, traceStop } from '../support/hostile-client.js';

/** JS heap growth allowed over 200 exchanges, after forced GCs: 20 KB per exchange. */
const HEAP_BOUND_BYTES = 4 * 1024 * 1024;
/**
 * No task over 100 ms of main-thread CPU while 20 elements stream (the target). Before
 * the shared frame budget and the batched scroll measurements, all twenty rendered and laid the
 * page out in the same frame: 57-106 ms. Now 20-27 ms; CPU time, from a trace, so that a busy
 * machine that deschedules the renderer does not count against the page.
 */
const LONG_TASK_TARGET_MS = 100;
/**
 * The same in wall time, a guard against pathological blocking only: a loaded 2-core machine
 * (load average 10–12 while the suites ran) stretched 45–71 ms CPU tasks to 548–823 ms of wall time.
 */
const LONG_TASK_WALL_GUARD_MS = 3_000;
/** Restoring 1,000 messages, from assigning `messages` to the frame that shows them (wall time). */
const RESTORE_BOUND_MS = 15_000;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

describe('lifecycle: removing the element', () => {
  for (const phase of ['waiting for the first byte', 'mid-stream'] as const) {
    it(`aborts its request ${phase}: the server sees the connection close`, async () => {
      const { url, id } = await scriptedEndpoint(
        phase === 'mid-stream' ? { chunks: sseChunks(['partial ', 'text']), hang: true } : { chunks: [], hang: true },
      );
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      const errors: Event[] = [];
      el.addEventListener('llm-chat-error', (event) => errors.push(event));
      el.send('Hello');
      if (phase === 'mid-stream') await waitUntil(() => lastMessage(el).content === 'partial text', 'no text arrived', { timeout: 10_000 });
      else await waitUntil(async () => (await scriptLog(id)).requests.length === 1, 'the request never reached the server');
      const stopped = oneEvent(el, 'llm-chat-stop');
      el.remove();
      await untilServerSawClose(id);
      expect((await stopped).detail.message.status).to.equal('stopped');
      expect(lastMessage(el).content).to.equal(phase === 'mid-stream' ? 'partial text' : '');
      expect(el.streaming).to.be.false;
      expect(errors, 'removal is not an error').to.have.length(0);
    });
  }
});

describe('load', function () {
  this.timeout(180_000);

  it(`200 exchanges in a row grow the JS heap by less than ${kb(HEAP_BOUND_BYTES)}`, async () => {
    const { url: failing } = await scriptedEndpoint({ status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'no' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat?delay=0"></llm-stream-chat>`);
    // Every path a run can take: done (most), stopped mid-stream, failed.
    const exchange = async (i: number) => {
      const kind = i % 10 === 3 ? 'stop' : i % 10 === 7 ? 'error' : 'done';
      el.endpoint = kind === 'stop' ? '/api/chat?delay=20' : kind === 'error' ? failing : '/api/chat?delay=0';
      const ended = ending(el);
      el.send(`question ${i}`);
      if (kind === 'stop') {
        await waitUntil(() => lastMessage(el).content !== '', 'no text to stop');
        el.stop();
      }
      const event = await ended;
      const expected = { done: 'llm-chat-done', stop: 'llm-chat-stop', error: 'llm-chat-error' }[kind];
      if (event !== expected) throw new Error(`exchange ${i} ended with ${event}, expected ${expected}`);
      // The host keeps the conversation short, so what remains is only what the element leaks.
      el.messages = [];
      await el.updateComplete;
    };
    for (let i = 0; i < 20; i++) await exchange(i); // warm-up: caches, JIT, template instances
    const before = await heapFigures();
    const started = performance.now();
    for (let i = 0; i < 200; i++) await exchange(i);
    const elapsed = performance.now() - started;
    await nextFrame();
    const after = await heapFigures();
    const growth = after.usedSize - before.usedSize;
    console.log(
      `load: 200 exchanges in ${(elapsed / 1000).toFixed(1)} s; JS heap ${kb(before.usedSize)} → ${kb(after.usedSize)} ` +
        `(growth ${kb(growth)}, bound ${kb(HEAP_BOUND_BYTES)}); DOM nodes ${before.nodes} → ${after.nodes}; ` +
        `JS event listeners ${before.jsEventListeners} → ${after.jsEventListeners}`,
    );
    expect(growth).to.be.below(HEAP_BOUND_BYTES);
    // Listeners and nodes are counted exactly: a leak of one per exchange would show as 200.
    expect(after.jsEventListeners - before.jsEventListeners, 'leaked event listeners').to.be.below(20);
    expect(after.nodes - before.nodes, 'leaked DOM nodes').to.be.below(200);
  });

  it('50 elements created, used and removed leave no listeners or nodes behind', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const cycle = async () => {
      const el = document.createElement('llm-stream-chat') as LlmStreamChat;
      el.endpoint = '/api/chat?delay=0';
      host.append(el);
      const done = oneEvent(el, 'llm-chat-done');
      el.send('Hello');
      await done;
      await el.updateComplete;
      el.remove();
    };
    for (let i = 0; i < 5; i++) await cycle();
    const before = await heapFigures();
    for (let i = 0; i < 50; i++) await cycle();
    await nextFrame();
    const after = await heapFigures();
    host.remove();
    console.log(
      `load: 50 element lifecycles; JS heap growth ${kb(after.usedSize - before.usedSize)}; DOM nodes ${before.nodes} → ${after.nodes}; ` +
        `JS event listeners ${before.jsEventListeners} → ${after.jsEventListeners}`,
    );
    expect(after.jsEventListeners - before.jsEventListeners, 'leaked event listeners').to.be.below(10);
    expect(after.nodes - before.nodes, 'leaked DOM nodes').to.be.below(100);
    expect(after.usedSize - before.usedSize).to.be.below(HEAP_BOUND_BYTES);
  });

  it(`20 elements streaming at once: no task over ${LONG_TASK_TARGET_MS} ms of main-thread CPU, every answer exact`, async () => {
    // Four other origins, five elements each: HTTP/1.1 allows six connections per origin, so all
    // twenty stream at the same time.
    const { cors } = await hostileServers();
    const host = document.createElement('div');
    host.style.cssText = 'display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; --llm-chat-height: 12rem;';
    document.body.append(host);
    const elements = Array.from({ length: 20 }, (_, i) => {
      const el = document.createElement('llm-stream-chat') as LlmStreamChat;
      el.endpoint = `${cors[i % cors.length]}?delay=4`;
      host.append(el);
      return el;
    });
    await Promise.all(elements.map((el) => el.updateComplete));
    const questions = elements.map((_, i) => ['Show me some markdown', 'Any tips?', 'Write a function'][i % 3]);
    // Two views of the same run: the page's longtask entries (wall time, which a busy machine
    // inflates when it deschedules the renderer) and a Chrome trace of the main thread, whose
    // CPU time per task is what the page itself blocked for.
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    await traceStart();
    const started = performance.now();
    const results = await Promise.all(
      elements.map((el, i) => {
        const done = oneEvent(el, 'llm-chat-done');
        el.send(questions[i]);
        return done;
      }),
    );
    const elapsed = performance.now() - started;
    await nextFrame();
    const tasks = await traceStop();
    observer.takeRecords().forEach((entry) => longTasks.push(entry.duration));
    observer.disconnect();
    const characters = results.reduce((n, event) => n + event.detail.message.content.length, 0);
    const longestWall = Math.max(0, ...longTasks);
    console.log(
      `load: 20 elements streamed ${characters} characters at once in ${(elapsed / 1000).toFixed(1)} s; ` +
        `main thread: ${tasks.count} tasks, ${tasks.busyCpuMs.toFixed(0)} ms CPU, longest task ${tasks.longestCpuMs.toFixed(0)} ms CPU ` +
        `(target ${LONG_TASK_TARGET_MS} ms) / ${tasks.longestWallMs.toFixed(0)} ms wall; longtask entries (> 50 ms wall): ` +
        `${longTasks.length}, longest ${longestWall.toFixed(0)} ms (guard ${LONG_TASK_WALL_GUARD_MS} ms)`,
    );
    results.forEach((event, i) => expect(event.detail.message.content).to.equal(pickAnswer([{ role: 'user', content: questions[i] }])));
    host.remove();
    expect(tasks.longestCpuMs, 'longest main-thread task, CPU time').to.be.at.most(LONG_TASK_TARGET_MS);
    expect(longestWall, 'longest task, wall time').to.be.at.most(LONG_TASK_WALL_GUARD_MS);
  });

  it(`restores a 1,000-message history in under ${RESTORE_BOUND_MS / 1000} s`, async () => {
    const history: ChatMessage[] = [];
    for (let i = 0; i < 500; i++) {
      const question = ['Show me some markdown', 'Any tips?', 'Write a function'][i % 3] + ` (${i})`;
      history.push({ id: `u${i}`, role: 'user', content: question, status: 'complete' });
      history.push({ id: `a${i}`, role: 'assistant', content: pickAnswer([{ role: 'user', content: question }]), status: 'complete' });
    }
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat"></llm-stream-chat>`);
    await traceStart();
    const started = performance.now();
    el.messages = history;
    await el.updateComplete;
    await nextFrame();
    const elapsed = performance.now() - started;
    const tasks = await traceStop();
    const characters = history.reduce((n, m) => n + m.content.length, 0);
    console.log(
      `load: restored 1,000 messages (${characters} characters of Markdown) in ${elapsed.toFixed(0)} ms wall ` +
        `(bound ${RESTORE_BOUND_MS} ms), ${tasks.busyCpuMs.toFixed(0)} ms of main-thread CPU`,
    );
    const rendered = el.shadowRoot!.querySelectorAll('[part~="message"]');
    expect(rendered).to.have.length(1000);
    expect(rendered[998].textContent!.trim()).to.equal(history[998].content);
    expect(rendered[999].querySelector('[part~="content"]')!.textContent!.length).to.be.greaterThan(200);
    expect(el.shadowRoot!.querySelectorAll('.message.assistant table').length).to.be.greaterThan(100);
    expect(elapsed).to.be.below(RESTORE_BOUND_MS);
  });
});
