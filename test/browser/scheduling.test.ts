// The page-wide frame budget that keeps many streaming elements from rendering in one long frame,
// and the task yield that gives each request's network set-up a task of its own.
import { expect, nextFrame, oneEvent } from '@open-wc/testing';
import {
  FRAME_BUDGET_MS,
  MAX_TEXT_INTERVAL_MS,
  MIN_TEXT_INTERVAL_MS,
  TextCadence,
  nextTask,
  requestBudgetedFrame,
} from '../../src/controllers/scheduling.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, chatFixture } from './ui-helpers.js';

/** Busy-waits `ms`: a render that costs that much main-thread time. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * Numbers animation frames while `going()`: its callback, asked for before any budgeted one,
 * runs first in each frame, so a budgeted callback reads the number of the frame it runs in.
 */
function countFrames(going: () => boolean): () => number {
  let frame = 0;
  const counter = () => {
    frame++;
    if (going()) requestAnimationFrame(counter);
  };
  requestAnimationFrame(counter);
  return () => frame;
}

describe('requestBudgetedFrame', () => {
  it('runs callbacks in a frame until the budget is spent, then the rest first in the next frame', async () => {
    await nextFrame(); // start at the beginning of a frame
    const runs: { id: number; frame: number }[] = [];
    const cost = FRAME_BUDGET_MS * 0.4; // three fit in one frame's budget (0, 0.4, 0.8 used)
    const frame = countFrames(() => runs.length < 10);
    for (let id = 0; id < 10; id++) {
      requestBudgetedFrame(() => {
        runs.push({ id, frame: frame() });
        work(cost);
      });
    }
    while (runs.length < 10) await nextFrame();

    const perFrame = new Map<number, number[]>();
    for (const { id, frame: f } of runs) perFrame.set(f, [...(perFrame.get(f) ?? []), id]);
    const groups = [...perFrame.values()];
    // Every callback ran exactly once, in order: deferred ones go first in the next frame.
    expect(runs.map((run) => run.id)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(groups.length, `callbacks per frame: ${JSON.stringify(groups)}`).to.be.at.least(3);
    for (const group of groups) expect(group.length, 'callbacks in one frame').to.be.at.most(3);
  });

  it('always runs one callback per frame, however long it takes', async () => {
    const frames: number[] = [];
    const frame = countFrames(() => frames.length < 3);
    for (let i = 0; i < 3; i++) {
      requestBudgetedFrame(() => {
        frames.push(frame());
        work(FRAME_BUDGET_MS * 2);
      });
    }
    while (frames.length < 3) await nextFrame();
    expect(new Set(frames).size, `frames the callbacks ran in: ${frames}`).to.equal(3);
  });

  it('a cancelled callback never runs, even once deferred', async () => {
    let ran = 0;
    requestBudgetedFrame(() => work(FRAME_BUDGET_MS * 2));
    const cancel = requestBudgetedFrame(() => ran++);
    await nextFrame(); // the second was deferred to the next frame
    cancel();
    await nextFrame();
    await nextFrame();
    expect(ran).to.equal(0);
  });
});

describe('nextTask', () => {
  it('resolves in a later task: after the current one and its microtasks', async () => {
    const order: string[] = [];
    const task = nextTask().then(() => order.push('next task'));
    queueMicrotask(() => order.push('microtask'));
    order.push('sync');
    await task;
    expect(order).to.deep.equal(['sync', 'microtask', 'next task']);
  });
});

describe('text cadence', () => {
  it('is 30 updates a second when updates are cheap, fewer as they cost more, never under 10', () => {
    const cadence = new TextCadence();
    expect(cadence.delay(1000), 'the first text shows at once').to.equal(0);
    cadence.measured(1000, 1001);
    expect(cadence.intervalMs).to.equal(MIN_TEXT_INTERVAL_MS);
    expect(cadence.delay(1010)).to.equal(MIN_TEXT_INTERVAL_MS - 10);
    cadence.measured(1040, 1050); // 10 ms: a fifth of the main thread at 50 ms apart
    expect(cadence.intervalMs).to.equal(50);
    cadence.measured(1100, 1160); // a stall: slowest pace at once
    expect(cadence.intervalMs).to.equal(MAX_TEXT_INTERVAL_MS);
    for (let t = 1200; t < 3000; t += 40) cadence.measured(t, t + 1);
    expect(cadence.intervalMs, 'back to full pace once cheap again').to.equal(MIN_TEXT_INTERVAL_MS);
    cadence.reset();
    expect(cadence.delay(3000)).to.equal(0);
  });

  it('a fast stream updates the element at most about 30 times a second, and ends with all of its text at once', async () => {
    // 300 tokens 3 ms apart: a token (or several) is waiting at every frame.
    const tokens = Array.from({ length: 300 }, (_, i) => `t${i} `);
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(tokens, 3), DONE] });
    const el = await chatFixture(url);
    const times: number[] = [];
    el.addEventListener('llm-chat-delta', () => times.push(performance.now()));
    const done = oneEvent(el, 'llm-chat-done');
    el.send('Go');
    expect((await done).detail.message.content).to.equal(tokens.join(''));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // The last update is the end of the stream, shown without waiting for the pace.
    const paced = gaps.slice(0, -1);
    expect(paced.length, 'updates while streaming').to.be.greaterThan(5);
    // A timer waits out the interval less half a frame; the frame comes after it.
    expect(Math.min(...paced), `gaps between updates: ${paced.map(Math.round)}`).to.be.at.least(MIN_TEXT_INTERVAL_MS - 9);
  });
});
