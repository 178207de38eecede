// The page-wide frame budget that keeps many streaming elements from rendering in one long frame,
// and the task yield that gives each request's network set-up a task of its own.
import { expect, nextFrame } from '@open-wc/testing';
import { FRAME_BUDGET_MS, nextTask, requestBudgetedFrame } from '../../src/controllers/scheduling.js';

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
