// The bench page (bundled by bench/run.mjs): streams an answer through the real element, or
// through a naive renderer (marked + DOMPurify over the whole text on every delta), and
// measures the work. Driven from Node through puppeteer.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import '../src/define.ts';

const now = () => performance.now();
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Counts animation frames while a run goes on, so work can be grouped per frame. */
function frameCounter() {
  const state = { frame: 0, running: true };
  const tick = () => {
    state.frame++;
    if (state.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return state;
}

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

window.runIncremental = async (url) => {
  const el = document.createElement('llm-stream-chat');
  el.endpoint = url;
  el.style.height = '600px';
  document.body.replaceChildren(el);
  await el.updateComplete;
  const Chat = customElements.get('llm-stream-chat');
  const samples = [];
  const counter = frameCounter();
  const originalUpdate = Chat.prototype.update;
  // Lit's update() renders the template, which runs the Markdown directive: the render work.
  Chat.prototype.update = function (changed) {
    const start = now();
    originalUpdate.call(this, changed);
    samples.push([counter.frame, now() - start]);
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
  counter.running = false;
  long.stop();
  watch.restore();
  Chat.prototype.update = originalUpdate;
  return {
    complete: true,
    // The answer's text and its reasoning's.
    chars: (el.messages.at(-1).parts ?? [{ type: 'text', text: el.messages.at(-1).content }])
      .filter((part) => part.type === 'text' || part.type === 'reasoning')
      .reduce((sum, part) => sum + part.text.length, 0) || el.messages.at(-1).content.length,
    elapsedMs: paintedAt - startedAt,
    frameWork: perFrame(samples),
    longTasks: long.tasks,
    lastByteToPaintMs: paintedAt - watch.state.lastByteAt,
    blocks: el.shadowRoot.querySelectorAll('.md-block').length,
  };
};

window.runNaive = async (url, budgetMs) => {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  const purify = DOMPurify(window);
  const samples = [];
  const counter = frameCounter();
  const long = longTasks();
  const abort = new AbortController();
  const startedAt = now();
  let text = '';
  let reasoning = '';
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
        const chunk = JSON.parse(data);
        if (chunk.type === 'reasoning-delta') reasoning += chunk.delta;
        else if (chunk.type === 'text-delta') text += chunk.delta;
        else if (typeof chunk.content === 'string') text += chunk.content;
        else continue;
        // What deep-chat and friends do: the whole text, parsed and sanitized, per delta.
        const start = now();
        const markup = (reasoning ? marked.parse(reasoning) : '') + marked.parse(text);
        container.replaceChildren(purify.sanitize(markup, { RETURN_DOM_FRAGMENT: true }));
        samples.push([counter.frame, now() - start]);
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
  counter.running = false;
  long.stop();
  return {
    complete,
    chars: text.length + reasoning.length,
    elapsedMs: paintedAt - startedAt,
    frameWork: perFrame(samples),
    longTasks: long.tasks,
    lastByteToPaintMs: complete ? paintedAt - lastByteAt : null,
  };
};
