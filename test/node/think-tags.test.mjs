// <think>…</think> at the start of an answer becomes reasoning, wherever the deltas split the tags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ThinkTagSplitter } from '../../dist/core/formats/think-tags.js';
import { prng, seeds } from './helpers.mjs';

/** Runs the pieces through a splitter: the reasoning text, the answer text, and the chunks. */
function split(pieces) {
  const splitter = new ThinkTagSplitter();
  const out = [...pieces.flatMap((piece) => splitter.push(piece)), ...splitter.end()];
  const reasoning = out.filter((o) => o.type === 'reasoning-delta').map((o) => o.delta).join('');
  const text = out.filter((o) => o.type === 'text').map((o) => o.text).join('');
  const starts = out.filter((o) => o.type === 'reasoning-start').length;
  const ends = out.filter((o) => o.type === 'reasoning-end').length;
  return { reasoning, text, starts, ends };
}

/** Every way of cutting `text` in two, and random cuts into many pieces. */
function cuts(text) {
  const list = [[text]];
  for (let i = 1; i < text.length; i++) list.push([text.slice(0, i), text.slice(i)]);
  for (const seed of seeds(20)) {
    const random = prng(seed);
    const pieces = [];
    for (let i = 0; i < text.length; ) {
      const n = 1 + Math.floor(random() * 5);
      pieces.push(text.slice(i, i + n));
      i += n;
    }
    list.push(pieces);
  }
  return list;
}

const CASES = [
  { name: 'a think block, then the answer', input: '<think>\nGreet back.\n</think>\n\nHello!', reasoning: 'Greet back.', text: 'Hello!', parts: 1 },
  { name: 'leading whitespace before the tag', input: '\n <think>Plan: a, b.</think>Answer', reasoning: 'Plan: a, b.', text: 'Answer', parts: 1 },
  { name: 'an empty think block gives no reasoning', input: '<think>\n\n</think>\n\nThe answer is 4.', reasoning: '', text: 'The answer is 4.', parts: 0 },
  { name: 'inner whitespace and a lookalike tag are kept', input: '<think>a < b\n\n</thin is not it</think>x', reasoning: 'a < b\n\n</thin is not it', text: 'x', parts: 1 },
  { name: 'no closing tag: all of it is reasoning', input: '<think>still thinking when the stream ended', reasoning: 'still thinking when the stream ended', text: '', parts: 1 },
  { name: 'a tag later in the answer is answer text', input: 'Use <think> tags like this: <think>x</think>', reasoning: '', text: 'Use <think> tags like this: <think>x</think>', parts: 0 },
  { name: 'an answer shorter than the tag', input: '<th', reasoning: '', text: '<th', parts: 0 },
  { name: 'a close tag inside the answer stays', input: '<think>r</think>a</think>b', reasoning: 'r', text: 'a</think>b', parts: 1 },
];

describe('ThinkTagSplitter', () => {
  for (const c of CASES) {
    test(`${c.name}, cut anywhere`, () => {
      for (const pieces of cuts(c.input)) {
        const got = split(pieces);
        const label = JSON.stringify(pieces);
        assert.equal(got.reasoning, c.reasoning, label);
        assert.equal(got.text, c.text, label);
        assert.equal(got.starts, c.parts, label);
        assert.equal(got.ends, c.parts, label);
      }
    });
  }
});
