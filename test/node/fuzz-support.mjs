// Shared by the SSE fuzz tests (fuzz-sse.test.mjs, fuzz-sse-spec.test.mjs): a seeded PRNG, a
// generator of random "valid-ish" event streams, random chunkings, and a reference model of the
// WHATWG "interpreting an event stream" algorithm written for clarity, not speed: decode all
// bytes, split into lines, process each line, dispatch on blank lines.
// Not a test file itself (node --test only runs *.test.mjs here).

/** The seed of the run: HOSTILE_SEED to replay one, else a fixed default. */
export const SEED = Number(process.env.HOSTILE_SEED ?? 20261124) >>> 0;

/** mulberry32, as in test/support/hostile-client.ts. */
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
}

export const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// The reference model.

/**
 * WHATWG HTML, "Interpreting an event stream", on decoded text: split into lines (CRLF, LF or
 * CR), process each, dispatch on blank lines. Returns the dispatched events, the `retry` values in
 * order, the last event ID string (set at every dispatch, blank lines without data included;
 * an `id` in an event the stream never finished does not count), and whether the stream ended
 * inside an event (the package's rule, see SseParser.end: a data, event or id field since the
 * last blank line, or a last unterminated line that could still become one).
 */
function interpretLines(text) {
  const pieces = text.split(/\r\n|\r|\n/);
  // The text after the last line terminator is not a line yet: at end of stream it is dropped.
  const lines = pieces.slice(0, -1);
  const events = [];
  const retries = [];
  let data = '';
  let type = '';
  let idBuffer = '';
  let lastEventIdString = '';
  let fieldSinceBlank = false;
  for (const line of lines) {
    if (line === '') {
      lastEventIdString = idBuffer;
      fieldSinceBlank = false;
      if (data === '') {
        type = '';
        continue;
      }
      if (data.endsWith('\n')) data = data.slice(0, -1);
      events.push({ type: type === '' ? 'message' : type, data, lastEventId: lastEventIdString });
      data = '';
      type = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (EVENT_FIELDS.includes(field)) fieldSinceBlank = true;
    if (field === 'data') data += `${value}\n`;
    else if (field === 'event') type = value;
    else if (field === 'id') {
      if (!value.includes('\0')) idBuffer = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) retries.push(Number(value));
    }
  }
  const insideEvent = fieldSinceBlank || couldBecomeEventField(pieces.at(-1));
  return { events, retries, lastEventId: lastEventIdString, insideEvent };
}

const EVENT_FIELDS = ['data', 'event', 'id'];

/** An unterminated last line that is not a comment and whose field name is, or begins, one of them. */
function couldBecomeEventField(partial) {
  if (partial === '' || partial.startsWith(':')) return false;
  const colon = partial.indexOf(':');
  if (colon === -1) return EVENT_FIELDS.some((field) => field.startsWith(partial));
  return EVENT_FIELDS.includes(partial.slice(0, colon));
}

/**
 * The byte stream as the spec reads it: UTF-8 decode (which strips exactly one leading BOM and
 * turns invalid bytes into U+FFFD), then the line algorithm. A second BOM is data.
 */
export function referenceParseBytes(bytes) {
  return interpretLines(new TextDecoder('utf-8').decode(bytes));
}

/**
 * The text-level push parser's contract (SseParser: "feed it decoded text"): it strips one
 * leading BOM itself, as eventsource-parser does, then the line algorithm.
 */
export function referenceParseText(text) {
  return interpretLines(text.startsWith('\ufeff') ? text.slice(1) : text);
}

// ---------------------------------------------------------------------------------------------
// Generators.

const VALUE_ALPHABET = [
  'a', 'b', 'z', ' ', ' ', ':', ': ', '0', '7', '9', 'é', '字', '🎉', '\u2028', '\uFFFD', '\uFEFF', '\0', '\t', '{', '"', '[DONE]',
  'data', 'id', 'event',
];

/** A random value for a field: short, with the characters that trip parsers. */
function randomValue(rng) {
  let value = '';
  const length = rng.int(0, 6);
  for (let i = 0; i < length; i++) value += rng.pick(VALUE_ALPHABET);
  return value;
}

/**
 * A random event stream that is mostly well-formed: fields with and without a space after the
 * colon, bare field names, comments, unknown fields, ids with NUL, retry with junk, every line
 * ending, a BOM at the start (one, or with `doubleBom` two) or inside, and sometimes an
 * unterminated last event.
 */
export function randomValidishStream(rng, { doubleBom = false } = {}) {
  const lineEnd = () => rng.pick(['\n', '\r', '\r\n']);
  let text = '';
  if (rng.chance(0.2)) text += '\ufeff';
  if (doubleBom && rng.chance(0.5)) text += '\ufeff';
  const blocks = rng.int(0, 8);
  for (let b = 0; b < blocks; b++) {
    const lines = rng.int(0, 5);
    for (let l = 0; l < lines; l++) {
      const kind = rng.int(0, 13);
      const sep = rng.pick([':', ': ', ':  ']);
      if (kind <= 4) text += `data${sep}${randomValue(rng)}`;
      else if (kind === 5) text += 'data';
      else if (kind === 6) text += `event${sep}${randomValue(rng)}`;
      else if (kind === 7) text += `id${sep}${randomValue(rng)}`;
      else if (kind === 8) text += `retry${sep}${rng.pick(['1000', '0', '', '12a', ' 5', '99999999999', String(rng.int(0, 5000))])}`;
      else if (kind === 9) text += `:${randomValue(rng)}`;
      else if (kind === 10) text += `${rng.pick(['dat', 'Data', 'DATA', 'foo', 'data ', ' data', 'ev ent'])}${sep}${randomValue(rng)}`;
      else if (kind === 11) text += rng.pick(['id', 'event', 'retry', 'id:', 'event:']);
      else if (kind === 12) text += rng.chance(0.5) ? `\ufeffdata${sep}${randomValue(rng)}` : 'data: [DONE]';
      else text += `data${sep}${JSON.stringify({ content: randomValue(rng) })}`;
      text += lineEnd();
    }
    if (b < blocks - 1 || rng.chance(0.8)) text += lineEnd(); // the last block may stay open
  }
  if (rng.chance(0.1)) text += `data: unterminated${rng.chance(0.5) ? '\r' : ''}`;
  // Two leading BOMs only when asked: a `\ufeffdata` first line after a BOM makes two.
  if (!doubleBom && text.startsWith('\ufeff\ufeff')) text = text.slice(1);
  return text;
}

/** Random bytes, biased towards the bytes an event stream is made of. */
export function randomBytes(rng, length) {
  const bytes = new Uint8Array(length);
  const favourites = encoder.encode('data: event:id:retry:\n\r\n\r: {}"[DONE]\ufeff');
  for (let i = 0; i < length; i++) bytes[i] = rng.chance(0.5) ? rng.pick(favourites) : rng.int(0, 255);
  return bytes;
}

/** Splits bytes at random offsets; `emptyChunks` adds empty chunks between them. */
export function randomByteChunks(rng, bytes, { maxSize = 16, emptyChunks = false } = {}) {
  const chunks = [];
  for (let i = 0; i < bytes.length; ) {
    if (emptyChunks && rng.chance(0.1)) chunks.push(new Uint8Array(0));
    const size = rng.chance(0.3) ? 1 : rng.int(1, maxSize);
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** Splits text at random UTF-16 offsets (through surrogate pairs and CRLFs); `emptyChunks` adds ''. */
export function randomTextChunks(rng, text, { maxSize = 12, emptyChunks = false } = {}) {
  const chunks = [];
  for (let i = 0; i < text.length; ) {
    if (emptyChunks && rng.chance(0.15)) chunks.push('');
    const size = rng.chance(0.3) ? 1 : rng.int(1, maxSize);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

export function streamOf(chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/**
 * Runs the package's byte-level parser over chunks; returns events, retry values, and whether it
 * ended inside an event (the generator's return value).
 */
export async function parseBytes(parseServerSentEvents, chunks) {
  const events = [];
  const retries = [];
  const iterator = parseServerSentEvents(streamOf(chunks), { onRetry: (ms) => retries.push(ms) });
  for (;;) {
    const step = await iterator.next();
    if (step.done) return { events, retries, insideEvent: step.value.insideEvent };
    events.push({ ...step.value });
  }
}

/** Runs the package's text-level push parser over chunks, then ends it. */
export function parseText(SseParser, chunks) {
  const events = [];
  const retries = [];
  const parser = new SseParser({ onEvent: (event) => events.push({ ...event }), onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.feed(chunk);
  const { insideEvent } = parser.end();
  return { events, retries, lastEventId: parser.lastEventId, insideEvent };
}

/** A readable description of a failing case, to replay it. */
export function describeCase(seed, index, input) {
  return `seed ${seed}, case ${index}: ${JSON.stringify(typeof input === 'string' ? input : [...input])}`;
}
