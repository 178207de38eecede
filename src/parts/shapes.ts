/**
 * The shapes of message parts the renderers read: the AI SDK's UIMessage parts, structurally,
 * so that this folder needs nothing from where the message model lives.
 */
export interface ReasoningPartShape {
  type: 'reasoning';
  text: string;
  state?: 'streaming' | 'done';
  providerMetadata?: Record<string, Record<string, unknown> | undefined>;
}

export type ToolState = 'input-streaming' | 'input-available' | 'output-available' | 'output-error';

/** `tool-<name>` (a tool the backend declared) or `dynamic-tool` (with `toolName`). */
export interface ToolPartShape {
  type: string;
  toolCallId: string;
  toolName?: string;
  state: ToolState | string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  providerExecuted?: boolean;
}

export interface SourceUrlPartShape {
  type: 'source-url';
  sourceId?: string;
  url: string;
  title?: string;
}

export interface SourceDocumentPartShape {
  type: 'source-document';
  sourceId?: string;
  mediaType?: string;
  title?: string;
  filename?: string;
}

export interface FilePartShape {
  type: 'file';
  mediaType: string;
  url: string;
  filename?: string;
}

export interface DataPartShape {
  type: string;
  id?: string;
  data: unknown;
}

/** Any part, as far as rendering needs to know. */
export interface PartShape {
  type: string;
  [key: string]: unknown;
}

export function isToolPart(part: PartShape): part is PartShape & ToolPartShape {
  return part.type === 'dynamic-tool' || part.type.startsWith('tool-');
}

export function isDataPart(part: PartShape): part is PartShape & DataPartShape {
  return part.type.startsWith('data-');
}

/** A tool part's tool name: `toolName`, else its type without `tool-`. */
export function toolNameOf(part: ToolPartShape): string {
  return part.toolName ?? (part.type.startsWith('tool-') ? part.type.slice(5) : part.type);
}
