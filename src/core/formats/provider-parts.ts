import { createId } from '../messages.js';
import type { StreamPart } from '../stream-parts.js';
import { isRecord, type JsonRecord } from './json.js';
import { ReasoningBlock, SourceList, StreamedToolCall, wholeToolCall, type PartChunk } from './part-chunks.js';

/**
 * What each provider's reasoning, tool and source events become, in the order they came:
 * answer text (which the adapters pass on as they always did) or UI message chunks.
 */
export type RichOutput = { type: 'text'; text: string } | PartChunk;

/** Outputs as stream parts: text as `text`, the rest as `chunk`. */
export function toStreamParts(outputs: readonly RichOutput[]): StreamPart[] {
  return outputs.map((output) => (output.type === 'text' ? output : { type: 'chunk', chunk: output }));
}

const text = (value: unknown): RichOutput[] => (typeof value === 'string' && value !== '' ? [{ type: 'text', text: value }] : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * OpenAI Chat Completions deltas (and every compatible server): reasoning in
 * `reasoning_content` (DeepSeek, vLLM) or `reasoning` (OpenRouter, Groq, Ollama `/v1`); tool calls
 * in `tool_calls`, whose `id` and name come only in a call's first delta and whose arguments
 * arrive in pieces, several calls interleaved by `index` (or whole, several in one chunk, as
 * Mistral sends them). Calls complete at the finish reason, or at the end of the stream.
 */
export class OpenAiChatParts {
  private readonly reasoning = new ReasoningBlock();
  private readonly calls = new Map<number, StreamedToolCall>();

  delta(delta: JsonRecord): RichOutput[] {
    const out: RichOutput[] = [];
    out.push(...this.reasoning.delta(str(delta.reasoning_content) ?? str(delta.reasoning)));
    if (str(delta.content)) out.push(...this.reasoning.close(), ...text(delta.content));
    const toolCalls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    toolCalls.forEach((value: unknown, position: number) => {
      if (!isRecord(value)) return;
      const fn = isRecord(value.function) ? value.function : {};
      const index = typeof value.index === 'number' ? value.index : position;
      let call = this.calls.get(index);
      if (!call) {
        out.push(...this.reasoning.close());
        call = new StreamedToolCall(str(value.id) ?? createId('call'), str(fn.name) ?? 'tool');
        this.calls.set(index, call);
        out.push(call.start());
      }
      out.push(...call.delta(fn.arguments));
    });
    return out;
  }

  /** The answer finished (a finish reason, `[DONE]`, or the end of the body). */
  finish(): PartChunk[] {
    const out = this.reasoning.close();
    for (const call of this.calls.values()) out.push(...call.end());
    return out;
  }
}

/**
 * OpenAI Responses events: each reasoning summary part is a reasoning part; a `function_call`
 * item is a tool call whose arguments stream under the item's id (`fc_…`) while the call is
 * answered by its `call_id` (`call_…`); a `web_search_call` is a tool the provider ran; a
 * `url_citation` annotation on output text is a source.
 */
export class OpenAiResponsesParts {
  private readonly calls = new Map<string, StreamedToolCall>();
  private readonly sources = new SourceList();

  event(type: string, data: JsonRecord): RichOutput[] {
    const item = isRecord(data.item) ? data.item : {};
    const reasoningId = `${str(data.item_id) ?? 'rs'}:${typeof data.summary_index === 'number' ? data.summary_index : 0}`;
    switch (type) {
      case 'response.reasoning_summary_part.added':
        return [{ type: 'reasoning-start', id: reasoningId }];
      case 'response.reasoning_summary_text.delta':
        return str(data.delta) ? [{ type: 'reasoning-delta', id: reasoningId, delta: data.delta as string }] : [];
      case 'response.reasoning_summary_part.done':
        return [{ type: 'reasoning-end', id: reasoningId }];
      case 'response.output_item.added': {
        const id = str(item.id);
        if (!id) return [];
        if (item.type === 'function_call') {
          const call = new StreamedToolCall(str(item.call_id) ?? id, str(item.name) ?? 'tool');
          this.calls.set(id, call);
          return [call.start()];
        }
        if (item.type === 'web_search_call') {
          const call = new StreamedToolCall(id, 'web_search', { providerExecuted: true });
          this.calls.set(id, call);
          return [call.start()];
        }
        return [];
      }
      case 'response.function_call_arguments.delta':
        return this.calls.get(str(data.item_id) ?? '')?.delta(data.delta) ?? [];
      case 'response.function_call_arguments.done':
        return this.calls.get(str(data.item_id) ?? '')?.end(typeof data.arguments === 'string' ? data.arguments : undefined) ?? [];
      case 'response.output_item.done': {
        const call = this.calls.get(str(item.id) ?? '');
        if (!call) return [];
        if (item.type === 'web_search_call') {
          const action = isRecord(item.action) ? item.action : {};
          const input = typeof action.query === 'string' ? { query: action.query } : {};
          const output = { sources: Array.isArray(action.sources) ? action.sources : [] };
          return [...call.end(input), { type: 'tool-output-available', toolCallId: call.toolCallId, output, providerExecuted: true }];
        }
        return call.end(typeof item.arguments === 'string' ? item.arguments : undefined);
      }
      case 'response.output_text.annotation.added': {
        const annotation = isRecord(data.annotation) ? data.annotation : {};
        return annotation.type === 'url_citation' ? this.sources.url(annotation.url, annotation.title) : [];
      }
      default:
        return [];
    }
  }
}

/**
 * Anthropic content blocks: `thinking` (its `signature_delta` kept as provider metadata) and
 * `redacted_thinking` (an empty reasoning part holding the encrypted data) are reasoning;
 * `tool_use` and `server_tool_use` are tool calls whose `input_json_delta` pieces may join to
 * `""`, meaning `{}`; a `web_search_tool_result` is the server tool's output and its results
 * sources; `citations_delta` cites a source.
 */
export class AnthropicParts {
  private readonly blocks = new Map<number, { kind: 'thinking'; id: string; signature?: string } | { kind: 'tool'; call: StreamedToolCall }>();
  private readonly sources = new SourceList();

  event(type: string, data: JsonRecord): RichOutput[] {
    const index = typeof data.index === 'number' ? data.index : -1;
    switch (type) {
      case 'content_block_start': {
        const block = isRecord(data.content_block) ? data.content_block : {};
        const id = `reasoning-${index}`;
        if (block.type === 'thinking') {
          this.blocks.set(index, { kind: 'thinking', id });
          return [{ type: 'reasoning-start', id }, ...this.reasoningDelta(id, block.thinking)];
        }
        if (block.type === 'redacted_thinking') {
          const providerMetadata = { anthropic: { redactedData: typeof block.data === 'string' ? block.data : '' } };
          return [{ type: 'reasoning-start', id, providerMetadata }, { type: 'reasoning-end', id, providerMetadata }];
        }
        if (block.type === 'tool_use' || block.type === 'server_tool_use') {
          const call = new StreamedToolCall(str(block.id) ?? createId('call'), str(block.name) ?? 'tool', block.type === 'server_tool_use' ? { providerExecuted: true } : {});
          this.blocks.set(index, { kind: 'tool', call });
          return [call.start()];
        }
        if (block.type === 'web_search_tool_result') {
          const content: unknown = block.content;
          const out: RichOutput[] = [];
          const toolCallId = str(block.tool_use_id) ?? '';
          if (isRecord(content) && content.type === 'web_search_tool_result_error') {
            out.push({ type: 'tool-output-error', toolCallId, errorText: `Web search failed: ${String(content.error_code ?? 'error')}`, providerExecuted: true });
            return out;
          }
          out.push({ type: 'tool-output-available', toolCallId, output: content, providerExecuted: true });
          for (const result of Array.isArray(content) ? content : []) {
            if (isRecord(result)) out.push(...this.sources.url(result.url, result.title));
          }
          return out;
        }
        if (block.type === 'text' && Array.isArray(block.citations)) return block.citations.flatMap((c: unknown) => this.citation(c));
        return [];
      }
      case 'content_block_delta': {
        const delta = isRecord(data.delta) ? data.delta : {};
        const block = this.blocks.get(index);
        if (delta.type === 'thinking_delta' && block?.kind === 'thinking') return this.reasoningDelta(block.id, delta.thinking);
        if (delta.type === 'signature_delta' && block?.kind === 'thinking') {
          if (typeof delta.signature === 'string') block.signature = (block.signature ?? '') + delta.signature;
          return [];
        }
        if (delta.type === 'input_json_delta' && block?.kind === 'tool') return block.call.delta(delta.partial_json);
        if (delta.type === 'citations_delta') return this.citation(delta.citation);
        return [];
      }
      case 'content_block_stop': {
        const block = this.blocks.get(index);
        this.blocks.delete(index);
        if (block?.kind === 'thinking') {
          return [
            block.signature
              ? { type: 'reasoning-end', id: block.id, providerMetadata: { anthropic: { signature: block.signature } } }
              : { type: 'reasoning-end', id: block.id },
          ];
        }
        return block?.kind === 'tool' ? block.call.end() : [];
      }
      default:
        return [];
    }
  }

  /** Blocks still open when the message ended (a cut stream): close them. */
  finish(): RichOutput[] {
    const out: RichOutput[] = [];
    for (const index of [...this.blocks.keys()]) out.push(...this.event('content_block_stop', { index }));
    return out;
  }

  private reasoningDelta(id: string, value: unknown): RichOutput[] {
    return str(value) ? [{ type: 'reasoning-delta', id, delta: value as string }] : [];
  }

  private citation(value: unknown): RichOutput[] {
    if (!isRecord(value)) return [];
    if (typeof value.url === 'string') return this.sources.url(value.url, value.title);
    return this.sources.document(value.document_title);
  }
}

/**
 * Gemini candidates: a part with `thought: true` is reasoning; `functionCall` (no id: one is
 * made) is a tool call that arrives whole; `groundingMetadata.groundingChunks` are the sources,
 * often only on the last chunk (earlier ones carry `{}`).
 */
export class GeminiParts {
  private readonly reasoning = new ReasoningBlock();
  private readonly sources = new SourceList();

  candidate(candidate: JsonRecord): RichOutput[] {
    const out: RichOutput[] = [];
    const content = isRecord(candidate.content) ? candidate.content : {};
    for (const part of Array.isArray(content.parts) ? content.parts : []) {
      if (!isRecord(part)) continue;
      if (part.thought === true) {
        out.push(...this.reasoning.delta(part.text));
        continue;
      }
      if (str(part.text)) out.push(...this.reasoning.close(), ...text(part.text));
      if (isRecord(part.functionCall)) {
        out.push(...this.reasoning.close());
        const call = part.functionCall;
        out.push(...wholeToolCall(str(call.name) ?? 'tool', call.args ?? {}, str(call.id) ?? createId('call')));
      }
    }
    const grounding = isRecord(candidate.groundingMetadata) ? candidate.groundingMetadata : {};
    for (const chunk of Array.isArray(grounding.groundingChunks) ? grounding.groundingChunks : []) {
      const web = isRecord(chunk) && isRecord(chunk.web) ? chunk.web : undefined;
      if (web) out.push(...this.sources.url(web.uri, web.title));
    }
    return out;
  }

  finish(): PartChunk[] {
    return this.reasoning.close();
  }
}

/**
 * Ollama `/api/chat` lines: `message.thinking` is reasoning; `message.tool_calls` arrive whole,
 * with `arguments` as an object and no id; `message.content` is answer text.
 */
export class OllamaParts {
  private readonly reasoning = new ReasoningBlock();

  message(message: JsonRecord): RichOutput[] {
    const out: RichOutput[] = [...this.reasoning.delta(message.thinking)];
    if (str(message.content)) out.push(...this.reasoning.close(), ...text(message.content));
    for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
      const fn = isRecord(call) && isRecord(call.function) ? call.function : undefined;
      if (!fn) continue;
      out.push(...this.reasoning.close(), ...wholeToolCall(str(fn.name) ?? 'tool', fn.arguments, str((call as JsonRecord).id) ?? createId('call')));
    }
    return out;
  }

  finish(): PartChunk[] {
    return this.reasoning.close();
  }
}
