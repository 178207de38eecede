// Shared helpers for the Node tests: a seeded PRNG (failures print their seed and reproduce with
// SEED=<n>), chunkings of bytes, and byte streams.

import { prng } from '../fixtures/markdown/llm-answers.mjs';

/** mulberry32, the one seeded PRNG of the tests (in llm-answers.mjs, which has no imports). */
export { prng };

/** The seeds a test runs: SEED=n reproduces one; else `count` seeds from a fixed base. */
export function seeds(count, base = 1) {
  if (process.env.SEED) return [Number(process.env.SEED)];
  return Array.from({ length: count }, (_, i) => base + i * 7919);
}

export const encoder = new TextEncoder();

/** Splits bytes at random points (chunks of 1..maxSize bytes). */
export function randomChunks(bytes, random, maxSize = 16) {
  const chunks = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(bytes.subarray(i, i + size));
    i += size;
  }
  return chunks;
}

/** One byte per chunk. */
export function byteChunks(bytes) {
  return [...bytes].map((b) => new Uint8Array([b]));
}

/** The chunkings every stream is tested under: whole, byte by byte, and random ones. */
export function chunkings(bytes, count = 20) {
  const list = [
    { name: 'whole', chunks: [bytes] },
    { name: 'byte by byte', chunks: byteChunks(bytes) },
  ];
  for (const seed of seeds(count)) {
    list.push({ name: `random seed ${seed}`, chunks: randomChunks(bytes, prng(seed), 1 + (seed % 23)) });
  }
  return list;
}

/** A ReadableStream of the given chunks (strings are UTF-8 encoded). */
export function streamOf(chunks) {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

/** Collects an async iterable. */
export async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}
