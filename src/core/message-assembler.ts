import {
  TEXT_PART_SEPARATOR,
  isToolPart,
  textOfParts,
  type DataPart,
  type MessagePart,
  type ProviderMetadata,
  type ReasoningPart,
  type TextPart,
  type ToolPart,
  type ToolState,
} from './message-parts.js';

/**
 * The AI SDK's UI message stream chunks (`UIMessageChunk`), which a format adapter emits for
 * everything an answer holds besides plain text. Tool approvals, `custom` and `reset-step` are
 * not part of this vocabulary yet: the assembler skips them, as it skips unknown types.
 */
export type MessageChunk =
  | {
      type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end';
      id: string;
      providerMetadata?: ProviderMetadata;
    }
  | { type: 'text-delta' | 'reasoning-delta'; id: string; delta: string; providerMetadata?: ProviderMetadata }
  | ({ type: 'tool-input-start'; toolCallId: string; toolName: string } & ToolCallOptions)
  | { type: 'tool-input-delta'; toolCallId: string; inputTextDelta: string }
  | ({ type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown } & ToolCallOptions)
  | ({
      type: 'tool-input-error';
      toolCallId: string;
      toolName: string;
      input: unknown;
      errorText: string;
    } & ToolCallOptions)
  | ({ type: 'tool-output-available'; toolCallId: string; output: unknown; preliminary?: boolean } & ToolResultOptions)
  | ({ type: 'tool-output-error'; toolCallId: string; errorText: string } & ToolResultOptions)
  | { type: 'source-url'; sourceId: string; url: string; title?: string; providerMetadata?: ProviderMetadata }
  | {
      type: 'source-document';
      sourceId: string;
      mediaType: string;
      title: string;
      filename?: string;
      providerMetadata?: ProviderMetadata;
    }
  | { type: 'file'; url: string; mediaType: string; filename?: string; providerMetadata?: ProviderMetadata }
  | { type: `data-${string}`; id?: string; data: unknown; transient?: boolean }
  | { type: 'start-step' | 'finish-step' }
  | { type: 'start'; messageId?: string; messageMetadata?: unknown }
  | { type: 'finish'; finishReason?: string; messageMetadata?: unknown }
  | { type: 'message-metadata'; messageMetadata: unknown }
  | { type: 'error'; errorText: string }
  | { type: 'abort'; reason?: string };

interface ToolCallOptions {
  dynamic?: boolean;
  providerExecuted?: boolean;
  title?: string;
  providerMetadata?: ProviderMetadata;
}

interface ToolResultOptions {
  providerExecuted?: boolean;
  providerMetadata?: ProviderMetadata;
}

/** The answer as assembled so far: an immutable snapshot. */
export interface AssembledMessage {
  /** The text parts' text, one paragraph apart (see `textOfParts`). */
  content: string;
  parts: MessagePart[];
  /** Merged `messageMetadata` of `start`, `message-metadata` and `finish` chunks. */
  metadata?: unknown;
}

/** A tool call whose arguments are streaming: their text so far, and its last complete parse. */
interface PartialToolCall {
  part: ToolPart;
  text: string;
  /** The text changed since `input` was parsed from it (parsing waits for the next snapshot). */
  unparsed: boolean;
}

type Chunk = Record<string, unknown> & { type: string };

/**
 * Builds one assistant message from a stream of {@link MessageChunk}s and plain text, as the AI
 * SDK's `processUIMessageStream` does, with the same results for the same chunks. It never throws
 * on a chunk: where the AI SDK rejects a chunk that names a part it has not seen (a `text-delta`
 * without `text-start`), this opens the part if it can (text, reasoning) and skips the chunk if
 * it cannot (a tool output for an unknown call). No I/O, no DOM: one instance per answer.
 *
 * `snapshot()` gives immutable copies, new only for the parts that changed, and `takeDelta()` the
 * content added since it was last taken, so a caller that takes both once per frame pays for
 * the new text and the changed parts, not for the whole answer.
 */
export class MessageAssembler {
  /** The chunk stream's `start.messageId`, if it sent one. */
  messageId?: string;
  /** The chunk stream's `finish.finishReason`, if it sent one. */
  finishReason?: string;
  /** The text of the last `error` chunk (the format adapter decides whether the answer failed). */
  errorText?: string;
  /** An `abort` chunk came. */
  aborted = false;

  private readonly parts: MessagePart[] = [];
  private published: MessagePart[] = [];
  private readonly changed = new Set<MessagePart>();
  private metadata: unknown;
  private metadataChanged = false;
  private last?: AssembledMessage;
  private activeText = new Map<string, TextPart>();
  private activeReasoning = new Map<string, ReasoningPart>();
  private readonly partialTools = new Map<string, PartialToolCall>();
  private content = '';
  /** The text part `content` ends with. */
  private tail?: TextPart;
  /** Content added since `takeDelta`; undefined once content was rewritten rather than extended. */
  private delta: string | undefined = '';

  /**
   * Plain answer text, from a format without parts: it extends the last part if that is an open
   * text part, else it starts one (after a tool call, say).
   */
  appendText(text: string): void {
    if (text === '') return;
    const last = this.parts[this.parts.length - 1];
    const open = last?.type === 'text' && last.state === 'streaming' ? last : undefined;
    this.appendTo(open ?? this.push<TextPart>({ type: 'text', text: '', state: 'streaming' }), text);
  }

  /** Applies one chunk; anything that is not a chunk it knows is skipped. */
  apply(input: unknown): void {
    if (!isRecord(input) || typeof input.type !== 'string') return;
    const chunk = input as Chunk;
    switch (chunk.type) {
      case 'text-start':
      case 'reasoning-start':
        this.startText(chunk.type === 'text-start' ? 'text' : 'reasoning', chunk);
        return;
      case 'text-delta':
      case 'reasoning-delta':
        this.textDelta(chunk.type === 'text-delta' ? 'text' : 'reasoning', chunk);
        return;
      case 'text-end':
      case 'reasoning-end':
        this.endText(chunk.type === 'text-end' ? 'text' : 'reasoning', chunk);
        return;
      case 'tool-input-start':
      case 'tool-input-delta':
      case 'tool-input-available':
      case 'tool-input-error':
        this.toolInput(chunk);
        return;
      case 'tool-output-available':
      case 'tool-output-error':
        this.toolOutput(chunk);
        return;
      case 'source-url':
        if (isString(chunk.sourceId) && isString(chunk.url)) {
          this.push(
            defined({
              type: 'source-url',
              sourceId: chunk.sourceId,
              url: chunk.url,
              title: str(chunk.title),
              providerMetadata: meta(chunk),
            }),
          );
        }
        return;
      case 'source-document':
        if (isString(chunk.sourceId) && isString(chunk.mediaType)) {
          this.push(
            defined({
              type: 'source-document',
              sourceId: chunk.sourceId,
              mediaType: chunk.mediaType,
              title: str(chunk.title) ?? '',
              filename: str(chunk.filename),
              providerMetadata: meta(chunk),
            }),
          );
        }
        return;
      case 'file':
        if (isString(chunk.url) && isString(chunk.mediaType)) {
          this.push(
            defined({
              type: 'file',
              mediaType: chunk.mediaType,
              url: chunk.url,
              filename: str(chunk.filename),
              providerMetadata: meta(chunk),
            }),
          );
        }
        return;
      case 'start-step':
        this.push({ type: 'step-start' });
        return;
      case 'finish-step':
        // A new step starts new text and reasoning parts, even under the same ids.
        this.activeText = new Map();
        this.activeReasoning = new Map();
        return;
      case 'start':
        if (isString(chunk.messageId)) this.messageId = chunk.messageId;
        this.mergeMetadata(chunk.messageMetadata);
        return;
      case 'finish':
        if (isString(chunk.finishReason)) this.finishReason = chunk.finishReason;
        this.mergeMetadata(chunk.messageMetadata);
        return;
      case 'message-metadata':
        this.mergeMetadata(chunk.messageMetadata);
        return;
      case 'error':
        this.errorText = str(chunk.errorText) ?? '';
        return;
      case 'abort':
        this.aborted = true;
        return;
      default:
        if (chunk.type.startsWith('data-') && chunk.transient !== true)
          this.data(chunk as Chunk & { type: `data-${string}` });
    }
  }

  /**
   * The stream is over: every text and reasoning part is done, and, if it ended normally
   * (`complete`), a tool call whose input never came as `tool-input-available` takes its
   * streamed arguments as input (an empty text meaning `{}`), when they parse.
   */
  end(complete: boolean): void {
    for (const part of this.parts) {
      if ((part.type === 'text' || part.type === 'reasoning') && part.state === 'streaming')
        this.touch(part).state = 'done';
    }
    this.activeText.clear();
    this.activeReasoning.clear();
    if (!complete) return;
    for (const call of this.partialTools.values()) {
      if (call.part.state !== 'input-streaming') continue;
      const input = call.text.trim() === '' ? {} : parseJson(call.text);
      if (input === undefined) continue;
      this.setTool(call.part, 'input-available', { input });
    }
  }

  /**
   * The content added since the last call, or undefined if it changed other than by an addition
   * (text went to a text part before the last one): then read `snapshot().content`.
   */
  takeDelta(): string | undefined {
    const delta = this.delta;
    this.delta = '';
    return delta;
  }

  /** The message as it stands: the same object until something changes. */
  snapshot(): AssembledMessage {
    if (this.last && this.changed.size === 0 && !this.metadataChanged && this.published.length === this.parts.length)
      return this.last;
    for (const call of this.partialTools.values()) {
      if (!call.unparsed) continue;
      call.unparsed = false;
      const input = parseJson(call.text);
      if (input !== undefined && call.part.state === 'input-streaming') this.touch(call.part).input = input;
    }
    const published = this.parts.map((part, i) =>
      this.changed.has(part) || i >= this.published.length ? copy(part) : this.published[i],
    );
    this.changed.clear();
    this.published = published;
    this.metadataChanged = false;
    this.last = {
      content: this.content,
      parts: published,
      ...(this.metadata !== undefined ? { metadata: this.metadata } : {}),
    };
    return this.last;
  }

  private startText(kind: 'text' | 'reasoning', chunk: Chunk): void {
    if (!isString(chunk.id)) return;
    const providerMetadata = meta(chunk);
    if (kind === 'text') {
      this.activeText.set(
        chunk.id,
        this.push<TextPart>(defined({ type: 'text', text: '', state: 'streaming', providerMetadata })),
      );
    } else {
      this.activeReasoning.set(
        chunk.id,
        this.push<ReasoningPart>(defined({ type: 'reasoning', text: '', state: 'streaming', providerMetadata })),
      );
    }
  }

  private textDelta(kind: 'text' | 'reasoning', chunk: Chunk): void {
    if (!isString(chunk.id) || !isString(chunk.delta)) return;
    const active = kind === 'text' ? this.activeText : this.activeReasoning;
    if (!active.has(chunk.id)) this.startText(kind, chunk);
    const part = active.get(chunk.id)!;
    const metadata = meta(chunk);
    if (metadata) this.touch(part).providerMetadata = metadata;
    if (part.type === 'text') this.appendTo(part, chunk.delta);
    else if (chunk.delta !== '') this.touch(part).text += chunk.delta;
  }

  private endText(kind: 'text' | 'reasoning', chunk: Chunk): void {
    if (!isString(chunk.id)) return;
    const active = kind === 'text' ? this.activeText : this.activeReasoning;
    const part = active.get(chunk.id);
    if (!part) return;
    active.delete(chunk.id);
    const metadata = meta(chunk);
    this.touch(part).state = 'done';
    if (metadata) part.providerMetadata = metadata;
  }

  /** Adds text to a text part, keeping `content` (and its delta) equal to `textOfParts`. */
  private appendTo(part: TextPart, text: string): void {
    if (text === '') return;
    const wasEmpty = part.text === '';
    this.touch(part).text += text;
    if (part === this.tail) {
      this.extend(text);
    } else if (wasEmpty && !this.hasTextAfter(part)) {
      this.extend(this.content === '' ? text : TEXT_PART_SEPARATOR + text);
      this.tail = part;
    } else {
      // Text for a part before the last: the content changes in its middle.
      this.content = textOfParts(this.parts);
      this.delta = undefined;
    }
  }

  private extend(text: string): void {
    this.content += text;
    if (this.delta !== undefined) this.delta += text;
  }

  private hasTextAfter(part: TextPart): boolean {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const other = this.parts[i];
      if (other === part) return false;
      if (other.type === 'text' && other.text !== '') return true;
    }
    return false;
  }

  private toolInput(chunk: Chunk): void {
    if (!isString(chunk.toolCallId)) return;
    const id = chunk.toolCallId;
    if (chunk.type === 'tool-input-delta') {
      const call = this.partialTools.get(id);
      if (!call || !isString(chunk.inputTextDelta)) return;
      call.text += chunk.inputTextDelta;
      call.unparsed = true;
      this.setTool(call.part, 'input-streaming', { input: call.part.input, rawInput: call.text });
      return;
    }
    if (!isString(chunk.toolName)) return;
    const existing = this.currentStepTool(id);
    const dynamic = existing ? existing.type === 'dynamic-tool' : chunk.dynamic === true;
    const part = existing ?? this.push<ToolPart>(toolPart(chunk.toolName, id, dynamic));
    if (!dynamic) part.type = `tool-${chunk.toolName}`;
    part.toolName = chunk.toolName;
    if (typeof chunk.providerExecuted === 'boolean') part.providerExecuted = chunk.providerExecuted;
    if (isString(chunk.title)) part.title = chunk.title;
    const metadata = meta(chunk);
    if (metadata) part.callProviderMetadata = metadata;
    if (chunk.type === 'tool-input-start') {
      this.partialTools.set(id, { part, text: '', unparsed: false });
      this.setTool(part, 'input-streaming', {});
    } else if (chunk.type === 'tool-input-available') {
      this.setTool(part, 'input-available', { input: chunk.input });
    } else {
      // As the AI SDK does: a static tool keeps the input it refused apart, as `rawInput`.
      this.setTool(
        part,
        'output-error',
        dynamic
          ? { input: chunk.input, errorText: str(chunk.errorText) ?? '' }
          : { rawInput: chunk.input, errorText: str(chunk.errorText) ?? '' },
      );
    }
  }

  private toolOutput(chunk: Chunk): void {
    if (!isString(chunk.toolCallId)) return;
    const part = this.currentStepTool(chunk.toolCallId) ?? this.anyTool(chunk.toolCallId);
    if (!part) return;
    if (typeof chunk.providerExecuted === 'boolean') part.providerExecuted = chunk.providerExecuted;
    const metadata = meta(chunk);
    if (metadata) part.resultProviderMetadata = metadata;
    if (chunk.type === 'tool-output-available') {
      this.setTool(part, 'output-available', {
        input: part.input,
        output: chunk.output,
        preliminary: chunk.preliminary === true ? true : undefined,
      });
    } else {
      this.setTool(part, 'output-error', {
        input: part.input,
        rawInput: part.rawInput,
        errorText: str(chunk.errorText) ?? '',
      });
    }
  }

  /** Sets a tool part's state and its state's fields; fields not given are removed. */
  private setTool(
    part: ToolPart,
    state: ToolState,
    fields: Pick<ToolPart, 'input' | 'rawInput' | 'output' | 'errorText' | 'preliminary'>,
  ): void {
    this.touch(part).state = state;
    for (const key of ['input', 'rawInput', 'output', 'errorText', 'preliminary'] as const) {
      if (fields[key] === undefined) delete part[key];
      else (part as unknown as Record<string, unknown>)[key] = fields[key];
    }
  }

  /** The tool call `id` in the current step (since the last `step-start`), as the AI SDK looks it up. */
  private currentStepTool(id: string): ToolPart | undefined {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i];
      if (part.type === 'step-start') return undefined;
      if (isToolPart(part) && part.toolCallId === id) return part;
    }
    return undefined;
  }

  private anyTool(id: string): ToolPart | undefined {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i];
      if (isToolPart(part) && part.toolCallId === id) return part;
    }
    return undefined;
  }

  private data(chunk: Chunk & { type: `data-${string}` }): void {
    const id = isString(chunk.id) ? chunk.id : undefined;
    const existing =
      id === undefined
        ? undefined
        : this.parts.find((part): part is DataPart => part.type === chunk.type && part.id === id);
    if (existing) this.touch(existing).data = chunk.data;
    else
      this.push<DataPart>(
        id === undefined ? { type: chunk.type, data: chunk.data } : { type: chunk.type, id, data: chunk.data },
      );
  }

  private mergeMetadata(metadata: unknown): void {
    if (metadata === undefined || metadata === null) return;
    this.metadata = this.metadata === undefined ? metadata : mergeObjects(this.metadata, metadata);
    this.metadataChanged = true;
  }

  private push<T extends MessagePart>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** Marks a part as changed (the next snapshot copies it) and returns it. */
  private touch<T extends MessagePart>(part: T): T {
    this.changed.add(part);
    return part;
  }
}

function toolPart(toolName: string, toolCallId: string, dynamic: boolean): ToolPart {
  return dynamic
    ? { type: 'dynamic-tool', toolName, toolCallId, state: 'input-streaming' }
    : { type: `tool-${toolName}`, toolName, toolCallId, state: 'input-streaming' };
}

/** A part's copy for a snapshot: its own object, so later changes do not show through. */
function copy(part: MessagePart): MessagePart {
  return { ...part };
}

/** The JSON value of `text`, or undefined when it does not parse (yet). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The AI SDK's metadata merge: plain objects merge key by key, anything else replaces. */
function mergeObjects(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === '__proto__') continue;
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeObjects(merged[key], value) : value;
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function meta(chunk: Chunk): ProviderMetadata | undefined {
  return isPlainObject(chunk.providerMetadata) ? (chunk.providerMetadata as ProviderMetadata) : undefined;
}

/** The object without its undefined fields, as JSON would keep it. */
function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
