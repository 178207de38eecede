// The bench page (bundled by bench/run.mjs): streams an answer through the real element, or
// through a naive renderer (marked + DOMPurify over the whole text on every delta), and
// measures the work. Driven from Node through puppeteer.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import '../src/define.ts';

const now = () => performance.now();
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * The frame a piece of work runs in, to group work per frame: the timeline's time is the current
 * frame's. Read rather than counted with a requestAnimationFrame loop, which would itself keep
 * the page producing a frame 60 times a second and add that cost to every renderer measured.
 */
const currentFrame = () => document.timeline.currentTime;

function longTasks() {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  return { tasks, stop: () => observer.disconnect() };
}

/** Wraps fetch so the page knows when the last byte of the answer arrived. */
function watchLastByte() {
  const state = { lastByteAt: 0, bytes: 0 };
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    const body = response.body.pipeThrough(
      new TransformStream({
        transform(chunk, controller) {
          state.lastByteAt = now();
          state.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { state, restore: () => (window.fetch = original) };
}

/** Groups render durations by frame: [work of frame 1, work of frame 2, …]. */
function perFrame(samples) {
  const frames = new Map();
  for (const [frame, ms] of samples) frames.set(frame, (frames.get(frame) ?? 0) + ms);
  return [...frames.values()];
}

/** `n` earlier messages of about 300 characters each, every other one Markdown from the model. */
function conversation(n) {
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0
      ? { id: `u${i}`, role: 'user', status: 'complete', content: `Question ${i}: how does the renderer keep a long conversation cheap while a new answer streams in? ${'Please explain. '.repeat(10)}` }
      : {
          id: `a${i}`,
          role: 'assistant',
          status: 'complete',
          content: `Answer ${i}: **finished** messages are laid out once, with \`containment\`, see [the notes](https://example.com/${i}).\n\n- first point of the answer\n- second point, with *emphasis*\n\n${'Some more prose of the answer. '.repeat(5)}`,
        },
  );
}

/** What the measured answer streams into after a restore: the element, or the naive container. */
let restoredTarget;

/**
 * Restores `n` earlier messages, before the measured answer: through the element's `messages`,
 * or (naive) marked + DOMPurify once per message. Returns its time and long tasks.
 */
window.restore = async (renderer, n) => {
  const messages = conversation(n);
  const long = longTasks();
  const start = now();
  if (renderer === 'runIncremental') {
    const el = document.createElement('llm-stream-chat');
    el.style.height = '600px';
    document.body.replaceChildren(el);
    el.messages = messages;
    await el.updateComplete;
    restoredTarget = el;
  } else {
    const purify = DOMPurify(window);
    const log = document.createElement('div');
    log.style.cssText = 'height: 600px; overflow-y: auto';
    document.body.replaceChildren(log);
    for (const message of messages) {
      const div = document.createElement('div');
      div.append(purify.sanitize(marked.parse(message.content), { RETURN_DOM_FRAGMENT: true }));
      log.append(div);
    }
    restoredTarget = log;
  }
  await nextPaint();
  long.stop();
  return { chars: messages.reduce((sum, m) => sum + m.content.length, 0), ms: now() - start, longTasks: long.tasks };
};

window.runIncremental = async (url) => {
  let el = restoredTarget;
  restoredTarget = undefined;
  if (!el) {
    el = document.createElement('llm-stream-chat');
    el.style.height = '600px';
    document.body.replaceChildren(el);
  }
  el.endpoint = url;
  await el.updateComplete;
  const Chat = customElements.get('llm-stream-chat');
  const samples = [];
  const originalUpdate = Chat.prototype.update;
  // Lit's update() renders the template, which runs the Markdown directive: the render work.
  Chat.prototype.update = function (changed) {
    const start = now();
    originalUpdate.call(this, changed);
    samples.push([currentFrame(), now() - start]);
  };
  const watch = watchLastByte();
  const long = longTasks();
  const startedAt = now();
  const done = new Promise((resolve) => el.addEventListener('llm-chat-done', resolve, { once: true }));
  el.send('go');
  await done;
  await el.updateComplete;
  await nextPaint();
  const paintedAt = now();
  long.stop();
  watch.restore();
  Chat.prototype.update = originalUpdate;
  return {
    complete: true,
    chars: el.messages.at(-1).content.length,
    elapsedMs: paintedAt - startedAt,
    frameWork: perFrame(samples),
    longTasks: long.tasks,
    lastByteToPaintMs: paintedAt - watch.state.lastByteAt,
    blocks: el.shadowRoot.querySelectorAll('.md-block').length,
  };
};

window.runNaive = async (url, budgetMs) => {
  const container = document.createElement('div');
  const log = restoredTarget;
  restoredTarget = undefined;
  if (log) {
    log.append(container);
  } else {
    document.body.replaceChildren(container);
  }
  const purify = DOMPurify(window);
  const samples = [];
  const long = longTasks();
  const abort = new AbortController();
  const startedAt = now();
  let text = '';
  let lastByteAt = 0;
  let complete = false;
  const response = await fetch(url, { method: 'POST', body: '{}', signal: abort.signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      lastByteAt = now();
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop();
      for (const event of events) {
        if (now() - startedAt > budgetMs) break;
        const data = event.startsWith('data: ') ? event.slice(6) : '';
        if (data === '[DONE]') complete = true;
        if (!data || data === '[DONE]') continue;
        text += JSON.parse(data).content;
        // What deep-chat and friends do: the whole text, parsed and sanitized, per delta.
        const start = now();
        container.replaceChildren(purify.sanitize(marked.parse(text), { RETURN_DOM_FRAGMENT: true }));
        samples.push([currentFrame(), now() - start]);
      }
      if (now() - startedAt > budgetMs) {
        abort.abort();
        break;
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  }
  await nextPaint();
  const paintedAt = now();
  long.stop();
  return {
    complete,
    chars: text.length,
    elapsedMs: paintedAt - startedAt,
    frameWork: perFrame(samples),
    longTasks: long.tasks,
    lastByteToPaintMs: complete ? paintedAt - lastByteAt : null,
  };
};
