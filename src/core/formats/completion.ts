import { donePart, type StreamPart, type WireRecord } from '../stream-parts.js';
import { guard, isRecord, providerError, type JsonRecord } from './json.js';
import { createNdjsonAdapter } from './ndjson.js';
import { simpleText } from './simple-sse.js';
import type { FormatAdapter, StreamFormat } from './types.js';

/**
 * A non-streamed answer: an `application/json` body holding one whole completion, read at its
 * end. Each provider's shape gives its text and finish reason:
 * - OpenAI chat completion: `choices[0].message.content`, `finish_reason`;
 * - OpenAI Responses: `output[].content[]` items of type `output_text`, `status` (and
 *   `incomplete_details.reason`);
 * - Anthropic message: `content[]` blocks of type `text`, `stop_reason`;
 * - Gemini `generateContent`: `candidates[0].content.parts[].text`, `finishReason` (an array of
 *   such responses, as `streamGenerateContent` without `alt=sse` sends, is read in order);
 * - Ollama without streaming: `message.content` or `response`, `done_reason`;
 * - anything else with a usual text key (`{"content"}`, `{"text"}`, …) or an `{"error"}`.
 * A body that is not one JSON document (NDJSON sent as `application/json`) is read line by line.
 */
export function createCompletionAdapter(format: StreamFormat = 'auto'): FormatAdapter {
  let detected: StreamFormat = format;
  return {
    framing: 'json',
    get format() {
      return detected;
    },
    record(record: WireRecord): StreamPart[] {
      let value: unknown;
      try {
        value = JSON.parse(record.data);
      } catch {
        detected = 'ndjson';
        return linesOf(record.data);
      }
      return guard(() => {
        const documents = Array.isArray(value) ? value : [value];
        const parts: StreamPart[] = [];
        for (const document of documents) {
          if (!isRecord(document)) continue;
          const read = readCompletion(document);
          if (detected === 'auto' && read.format) detected = read.format;
          parts.push(...read.parts);
          if (read.parts.some((part) => part.type === 'error')) break;
        }
        // One answer: its texts, then its one end (the last finish seen, or an error).
        const texts = parts.filter((part) => part.type === 'text');
        const ends = parts.filter((part) => part.type !== 'text');
        const error = ends.find((part) => part.type === 'error');
        return [...texts, error ?? ends[ends.length - 1] ?? donePart()];
      });
    },
    end: () => ({ type: 'open' }),
  };
}

/** NDJSON that came as `application/json`: every line through the NDJSON adapter. */
function linesOf(body: string): StreamPart[] {
  const ndjson = createNdjsonAdapter();
  const parts: StreamPart[] = [];
  for (const line of body.split('\n')) {
    parts.push(...ndjson.record({ type: 'line', data: line }));
    if (parts.some((part) => part.type !== 'text')) return parts;
  }
  const end = ndjson.end();
  if (end.type === 'incomplete') {
    parts.push({ type: 'error', reason: 'incomplete', message: 'The answer stopped before it was complete.' });
  } else {
    parts.push(donePart(end.type === 'done' ? end.finishReason : undefined));
  }
  return parts;
}

interface Read {
  format?: StreamFormat;
  parts: StreamPart[];
}

function text(value: unknown): StreamPart[] {
  return typeof value === 'string' && value !== '' ? [{ type: 'text', text: value }] : [];
}

function readCompletion(doc: JsonRecord): Read {
  if (doc.error !== undefined && doc.error !== null) {
    const error: JsonRecord = isRecord(doc.error) ? doc.error : {};
    return { parts: [providerError(doc, error.code ?? error.type ?? error.status)] };
  }
  if (Array.isArray(doc.choices)) {
    const choice: unknown = doc.choices.find((c: unknown) => isRecord(c) && (c.index ?? 0) === 0);
    if (!isRecord(choice)) return { format: 'openai', parts: [] };
    const message = isRecord(choice.message) ? choice.message : isRecord(choice.delta) ? choice.delta : {};
    const reason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
    return { format: 'openai', parts: [...text(message.content ?? choice.text), donePart(reason)] };
  }
  if (doc.object === 'response' || (Array.isArray(doc.output) && typeof doc.status === 'string')) {
    const parts: StreamPart[] = [];
    for (const item of Array.isArray(doc.output) ? doc.output : []) {
      if (!isRecord(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
      for (const piece of item.content)
        if (isRecord(piece) && piece.type === 'output_text') parts.push(...text(piece.text));
    }
    if (doc.status === 'failed') {
      const error: JsonRecord = isRecord(doc.error) ? doc.error : {};
      return { format: 'openai-responses', parts: [...parts, providerError(error, error.code)] };
    }
    const details = isRecord(doc.incomplete_details) ? doc.incomplete_details : {};
    const reason = doc.status === 'incomplete' && typeof details.reason === 'string' ? details.reason : doc.status;
    return { format: 'openai-responses', parts: [...parts, donePart(typeof reason === 'string' ? reason : undefined)] };
  }
  if (doc.type === 'message' && Array.isArray(doc.content)) {
    const parts: StreamPart[] = [];
    for (const block of doc.content) if (isRecord(block) && block.type === 'text') parts.push(...text(block.text));
    const reason = typeof doc.stop_reason === 'string' ? doc.stop_reason : undefined;
    return { format: 'anthropic', parts: [...parts, donePart(reason)] };
  }
  if (Array.isArray(doc.candidates) || isRecord(doc.promptFeedback)) {
    const candidate: unknown = Array.isArray(doc.candidates) ? doc.candidates[0] : undefined;
    if (!isRecord(candidate)) {
      const feedback = isRecord(doc.promptFeedback) ? doc.promptFeedback : {};
      const blocked = typeof feedback.blockReason === 'string' ? feedback.blockReason : undefined;
      return {
        format: 'gemini',
        parts: blocked ? [providerError({ message: `the prompt was blocked (${blocked}).` }, blocked)] : [],
      };
    }
    const content = isRecord(candidate.content) ? candidate.content : {};
    const parts: StreamPart[] = [];
    for (const part of Array.isArray(content.parts) ? content.parts : []) {
      if (isRecord(part) && part.thought !== true) parts.push(...text(part.text));
    }
    const reason = typeof candidate.finishReason === 'string' ? candidate.finishReason : undefined;
    if (reason !== undefined && reason !== 'FINISH_REASON_UNSPECIFIED') parts.push(donePart(reason));
    return { format: 'gemini', parts };
  }
  if (isRecord(doc.message) || typeof doc.response === 'string' || 'done' in doc) {
    const message = isRecord(doc.message) ? doc.message : {};
    const reason = typeof doc.done_reason === 'string' ? doc.done_reason : undefined;
    return { format: 'ndjson', parts: [...text(message.content ?? doc.response), donePart(reason)] };
  }
  return { parts: text(simpleText(doc)) };
}
