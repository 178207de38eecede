/**
 * The parts of a message, in the AI SDK's UIMessage vocabulary, so that a conversation
 * round-trips with AI SDK backends unchanged: text, reasoning, tool calls, sources, files, data
 * and step boundaries. `ChatMessage.content` stays the answer's text, for those who want only it.
 */

/** Provider-specific data the AI SDK carries along (an Anthropic thinking signature, say). */
export type ProviderMetadata = Record<string, Record<string, unknown>>;

/** Whether a text or reasoning part is still growing. */
export type PartState = 'streaming' | 'done';

export interface TextPart {
  type: 'text';
  text: string;
  state?: PartState;
  providerMetadata?: ProviderMetadata;
}

export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  state?: PartState;
  providerMetadata?: ProviderMetadata;
}

/**
 * Where a tool call stands: its input arriving (`input` is the last complete parse of the
 * arguments so far, `rawInput` their text), complete, answered (`output`), or failed (`errorText`).
 */
export type ToolState = 'input-streaming' | 'input-available' | 'output-available' | 'output-error';

interface ToolPartFields {
  toolCallId: string;
  /** The tool's name (also in `type` for a `tool-<name>` part). */
  toolName: string;
  state: ToolState;
  input?: unknown;
  /** The arguments' text while they stream, or an input the tool call failed to accept. */
  rawInput?: unknown;
  output?: unknown;
  errorText?: string;
  /** The provider ran the tool itself (a web search, say). */
  providerExecuted?: boolean;
  /** The output is an interim one; a later output replaces it. */
  preliminary?: boolean;
  title?: string;
  callProviderMetadata?: ProviderMetadata;
  resultProviderMetadata?: ProviderMetadata;
}

/** A call of a tool the backend declared: `type` is `tool-` and the tool's name. */
export interface StaticToolPart extends ToolPartFields {
  type: `tool-${string}`;
}

/** A call of a tool not known in advance (MCP tools, say). */
export interface DynamicToolPart extends ToolPartFields {
  type: 'dynamic-tool';
}

export type ToolPart = StaticToolPart | DynamicToolPart;

export interface SourceUrlPart {
  type: 'source-url';
  sourceId: string;
  url: string;
  title?: string;
  providerMetadata?: ProviderMetadata;
}

export interface SourceDocumentPart {
  type: 'source-document';
  sourceId: string;
  mediaType: string;
  title: string;
  filename?: string;
  providerMetadata?: ProviderMetadata;
}

export interface FilePart {
  type: 'file';
  mediaType: string;
  /** A URL or a `data:` URL. */
  url: string;
  filename?: string;
  providerMetadata?: ProviderMetadata;
}

/** Application data streamed with the answer; a later part with the same `type` and `id` replaces it. */
export interface DataPart {
  type: `data-${string}`;
  id?: string;
  data: unknown;
}

/** Where one step of a multi-step answer (a tool round trip) begins. */
export interface StepStartPart {
  type: 'step-start';
}

export type MessagePart =
  TextPart | ReasoningPart | ToolPart | SourceUrlPart | SourceDocumentPart | FilePart | DataPart | StepStartPart;

/** Whether a part is a tool call, static (`tool-<name>`) or dynamic. */
export function isToolPart(part: MessagePart): part is ToolPart {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

/** Whether a part is application data (`data-<name>`). */
export function isDataPart(part: MessagePart): part is DataPart {
  return part.type.startsWith('data-');
}

/** Separates the text parts of one answer in `content`, so that each stays its own paragraph. */
export const TEXT_PART_SEPARATOR = '\n\n';

/** The answer text of some parts: their non-empty text parts, one paragraph apart. */
export function textOfParts(parts: readonly MessagePart[]): string {
  let text = '';
  for (const part of parts) {
    if (part.type !== 'text' || typeof part.text !== 'string' || part.text === '') continue;
    text = text === '' ? part.text : text + TEXT_PART_SEPARATOR + part.text;
  }
  return text;
}

/** The parts of a message that only has text (a user's message, one stored before parts). */
export function partsOfText(text: string): MessagePart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}
