import type { StreamPart } from '../stream-parts.js';
import { ReasoningBlock, type PartChunk } from './part-chunks.js';
import type { FormatAdapter } from './types.js';

const OPEN = '<think>';
const CLOSE = '</think>';

/** What {@link ThinkTagSplitter} gives back: answer text, or reasoning chunks. */
export type ThinkOutput = { type: 'text'; text: string } | PartChunk;

/** The length of the longest end of `text` that is the start of `tag`. */
function partialTagAtEnd(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(-n))) return n;
  }
  return 0;
}

/**
 * Splits an answer that opens with `<think>…</think>` (DeepSeek-R1, Qwen and others behind
 * OpenAI-compatible servers put their reasoning in the text) into reasoning and answer text, as
 * the text streams: the tags may be split across deltas anywhere. Only a `<think>` at the very
 * start of the answer (after whitespace) counts; any other answer passes through unchanged.
 * The whitespace around the reasoning and before the answer is dropped; an empty think block
 * gives no reasoning part.
 */
export class ThinkTagSplitter {
  private state: 'start' | 'reasoning' | 'after' | 'text' = 'start';
  private buffer = '';
  /** Whitespace inside the reasoning held back until more reasoning follows it. */
  private space = '';
  private readonly reasoning = new ReasoningBlock('think');

  /** Whether this splitter has passed the start of the answer without finding a think block. */
  get passthrough(): boolean {
    return this.state === 'text';
  }

  push(text: string): ThinkOutput[] {
    if (text === '') return [];
    switch (this.state) {
      case 'text':
        return [{ type: 'text', text }];
      case 'after': {
        const rest = text.replace(/^\s+/, '');
        if (rest === '') return [];
        this.state = 'text';
        return [{ type: 'text', text: rest }];
      }
      case 'start': {
        this.buffer += text;
        const lead = this.buffer.replace(/^\s+/, '');
        if (lead.length < OPEN.length && OPEN.startsWith(lead)) return []; // maybe a tag still
        if (!lead.startsWith(OPEN)) {
          this.state = 'text';
          const all = this.buffer;
          this.buffer = '';
          return [{ type: 'text', text: all }];
        }
        this.state = 'reasoning';
        this.buffer = '';
        return this.inside(lead.slice(OPEN.length));
      }
      case 'reasoning':
        return this.inside(text);
    }
  }

  end(): ThinkOutput[] {
    if (this.state === 'start' && this.buffer !== '') {
      const all = this.buffer;
      this.buffer = '';
      this.state = 'text';
      return [{ type: 'text', text: all }];
    }
    if (this.state === 'reasoning') {
      // No closing tag: what was held back is reasoning too.
      const out = this.reasoningText(this.buffer);
      this.buffer = '';
      this.state = 'text';
      return [...out, ...this.reasoning.close()];
    }
    return [];
  }

  private inside(text: string): ThinkOutput[] {
    this.buffer += text;
    const close = this.buffer.indexOf(CLOSE);
    if (close >= 0) {
      const out = [...this.reasoningText(this.buffer.slice(0, close)), ...this.reasoning.close()];
      const after = this.buffer.slice(close + CLOSE.length);
      this.buffer = '';
      this.space = '';
      this.state = 'after';
      return [...out, ...this.push(after)];
    }
    const keep = partialTagAtEnd(this.buffer, CLOSE);
    const ready = this.buffer.slice(0, this.buffer.length - keep);
    this.buffer = this.buffer.slice(this.buffer.length - keep);
    return this.reasoningText(ready);
  }

  /** Reasoning text without its leading whitespace, and with trailing whitespace held back. */
  private reasoningText(text: string): ThinkOutput[] {
    let body = this.space + text;
    if (!this.reasoning.isOpen) body = body.replace(/^\s+/, '');
    const trailing = /\s*$/.exec(body)![0];
    this.space = trailing;
    body = body.slice(0, body.length - trailing.length);
    return this.reasoning.delta(body);
  }
}

/**
 * An adapter whose text goes through a {@link ThinkTagSplitter}: a `<think>` block at the start of
 * the answer becomes reasoning chunks. Once the answer has started without one, text passes
 * straight through. What the splitter holds is given back before a `done` part and at `flush`.
 */
export function withThinkTags(inner: FormatAdapter): FormatAdapter {
  const splitter = new ThinkTagSplitter();
  const release = (): StreamPart[] => splitter.end().map(toPart);
  return {
    get framing() {
      return inner.framing;
    },
    get format() {
      return inner.format;
    },
    record(record) {
      const parts = inner.record(record);
      if (splitter.passthrough) return parts;
      const out: StreamPart[] = [];
      for (const part of parts) {
        if (part.type === 'text') out.push(...splitter.push(part.text).map((o) => (o.type === 'text' ? { ...part, text: o.text } : toPart(o))));
        else if (part.type === 'done') out.push(...release(), part);
        else out.push(part);
      }
      return out;
    },
    end: () => inner.end(),
    flush: () => [...release(), ...(inner.flush?.() ?? [])],
  };
}

function toPart(output: ThinkOutput): StreamPart {
  return output.type === 'text' ? output : { type: 'chunk', chunk: output };
}
