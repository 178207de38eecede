import type { StreamPart } from '../stream-parts.js';

/** A JSON object as adapters read it. */
export type JsonRecord = Record<string, unknown>;

/** Thrown by {@link parseJsonRecord}; adapters turn it into a `malformed` error part. */
class MalformedDataError extends Error {}

/** Parses a data line that must hold a JSON object. */
export function parseJsonRecord(data: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw new MalformedDataError(`not JSON: ${preview(data)}`, { cause: error });
  }
  if (!isRecord(value)) throw new MalformedDataError(`not a JSON object: ${preview(data)}`);
  return value;
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs an adapter step, turning a malformed data line into an error part. */
export function guard(step: () => StreamPart[]): StreamPart[] {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof MalformedDataError)) throw error;
    return [
      {
        type: 'error',
        reason: 'malformed',
        message: 'The chat server sent data that could not be read, so the answer stopped there.',
        code: error.message,
      },
    ];
  }
}

/**
 * The human message inside the error shapes backends use: `{error:{message}}`, `{error:"…"}`,
 * `{message}`, `{errorText}` (AI SDK), `{detail}` (FastAPI). Undefined when none is found.
 */
export function errorMessageOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const error = value.error;
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  if (isRecord(error)) {
    const nested = errorMessageOf(error);
    if (nested) return nested;
  }
  for (const key of ['message', 'errorText', 'detail']) {
    const text = value[key];
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

/** A provider error part with the backend's own message when it has one. */
export function providerError(value: unknown, code?: unknown): StreamPart {
  const detail = errorMessageOf(value);
  return {
    type: 'error',
    reason: 'provider',
    message: detail ? `The model's service reported an error: ${detail}` : "The model's service reported an error.",
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
  };
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
