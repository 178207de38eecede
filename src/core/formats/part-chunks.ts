import { createId } from '../messages.js';
import type { MessageChunk } from '../message-assembler.js';
import type { ProviderMetadata } from '../message-parts.js';
import { isRecord } from './json.js';

/**
 * The AI SDK UI message stream chunks the provider adapters translate their reasoning, tool and
 * source events into (see `MessageAssembler`), so one assembler builds the message's parts
 * whatever the format.
 */
export type PartChunk = MessageChunk;



/**
 * A tool call whose input arrives in pieces of JSON text (OpenAI `arguments`, Anthropic
 * `input_json_delta`, Responses `function_call_arguments.delta`): the pieces are passed on as
 * `tool-input-delta` and parsed once complete. An empty join means no arguments, `{}` (Anthropic
 * sends `""` for a tool without parameters); text that is not JSON is a `tool-input-error`.
 */
export class StreamedToolCall {
  private text = '';
  private closed = false;

  constructor(
    readonly toolCallId: string,
    readonly toolName: string,
    private readonly extra: { providerExecuted?: boolean } = {},
  ) {}

  start(): PartChunk {
    return { type: 'tool-input-start', toolCallId: this.toolCallId, toolName: this.toolName, ...this.extra };
  }

  delta(piece: unknown): PartChunk[] {
    if (typeof piece !== 'string' || piece === '' || this.closed) return [];
    this.text += piece;
    return [{ type: 'tool-input-delta', toolCallId: this.toolCallId, inputTextDelta: piece }];
  }

  /** The complete input: `final` when the provider repeats it whole, else the joined pieces. */
  end(final?: unknown): PartChunk[] {
    if (this.closed) return [];
    this.closed = true;
    const { toolCallId, toolName } = this;
    if (final !== undefined && typeof final !== 'string') {
      return [{ type: 'tool-input-available', toolCallId, toolName, input: final, ...this.extra }];
    }
    const text = (typeof final === 'string' ? final : this.text).trim();
    if (text === '') return [{ type: 'tool-input-available', toolCallId, toolName, input: {}, ...this.extra }];
    try {
      return [{ type: 'tool-input-available', toolCallId, toolName, input: JSON.parse(text) as unknown, ...this.extra }];
    } catch {
      return [{ type: 'tool-input-error', toolCallId, toolName, input: text, errorText: `The arguments of ${toolName} are not valid JSON.` }];
    }
  }

  get ended(): boolean {
    return this.closed;
  }
}

/** A tool call that arrives whole (Gemini `functionCall`, Ollama `tool_calls`, several in one OpenAI chunk). */
export function wholeToolCall(toolName: string, input: unknown, toolCallId = createId('call')): PartChunk[] {
  let value = input ?? {};
  if (typeof value === 'string') {
    const call = new StreamedToolCall(toolCallId, toolName);
    return [call.start(), ...call.end(value)];
  }
  if (!isRecord(value) && !Array.isArray(value)) value = {};
  return [
    { type: 'tool-input-start', toolCallId, toolName },
    { type: 'tool-input-available', toolCallId, toolName, input: value },
  ];
}

/**
 * One reasoning block at a time, opened by its first text and closed when something else
 * starts (answer text, a tool call) or the answer ends.
 */
export class ReasoningBlock {
  private open: string | undefined;
  private count = 0;

  constructor(private readonly prefix = 'reasoning') {}

  delta(text: unknown): PartChunk[] {
    if (typeof text !== 'string' || text === '') return [];
    const chunks: PartChunk[] = [];
    if (this.open === undefined) {
      this.open = `${this.prefix}-${this.count++}`;
      chunks.push({ type: 'reasoning-start', id: this.open });
    }
    chunks.push({ type: 'reasoning-delta', id: this.open, delta: text });
    return chunks;
  }

  close(providerMetadata?: ProviderMetadata): PartChunk[] {
    if (this.open === undefined) return [];
    const id = this.open;
    this.open = undefined;
    return [providerMetadata ? { type: 'reasoning-end', id, providerMetadata } : { type: 'reasoning-end', id }];
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }
}

/** Source parts, each URL once (a citation repeats a search result, or itself). */
export class SourceList {
  private readonly seen = new Set<string>();
  private count = 0;

  url(url: unknown, title?: unknown): PartChunk[] {
    if (typeof url !== 'string' || url === '' || this.seen.has(url)) return [];
    this.seen.add(url);
    const chunk: PartChunk = { type: 'source-url', sourceId: `source-${this.count++}`, url };
    if (typeof title === 'string' && title !== '') chunk.title = title;
    return [chunk];
  }

  document(title: unknown, mediaType = 'text/plain', filename?: unknown): PartChunk[] {
    if (typeof title !== 'string' || title === '' || this.seen.has(`document:${title}`)) return [];
    this.seen.add(`document:${title}`);
    const chunk: PartChunk = { type: 'source-document', sourceId: `source-${this.count++}`, mediaType, title };
    if (typeof filename === 'string' && filename !== '') chunk.filename = filename;
    return [chunk];
  }
}
