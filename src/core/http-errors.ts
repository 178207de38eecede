import { decodeUtf8 } from './decode.js';
import { ChatStreamError } from './errors.js';
import { errorMessageOf } from './formats/json.js';

const MAX_ERROR_BODY = 4096;
const MAX_TEXT_DETAIL = 200;

/**
 * Turns a non-2xx response into a `ChatStreamError` (`http`) whose message includes the server's
 * own words when it sent some: `{error:{message}}`, `{message}`, `{error}`, or a short text body
 * (never an HTML page). Reads at most 4 KB, waiting at most `timeout` ms.
 */
export async function httpError(response: Response, timeout = 5000): Promise<ChatStreamError> {
  const detail = await readDetail(response, timeout).catch(() => undefined);
  const status = response.status;
  const what = describeStatus(status);
  const message = detail
    ? `${what} (HTTP ${status}): ${detail}`
    : `${what} (HTTP ${status}).`;
  return new ChatStreamError('http', message, status);
}

function describeStatus(status: number): string {
  if (status === 401 || status === 403) return 'The chat server refused the request: you may need to sign in';
  if (status === 404) return 'The chat server has no such endpoint';
  if (status === 408 || status === 504) return 'The chat server took too long to answer';
  if (status === 413) return 'The conversation is too long for the chat server';
  if (status === 429) return 'The chat server is receiving too many requests; try again in a moment';
  if (status >= 500) return 'The chat server ran into an error';
  return 'The chat server answered with an error';
}

async function readDetail(response: Response, timeout: number): Promise<string | undefined> {
  if (!response.body) return undefined;
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  let text = '';
  const controller = new AbortController();
  for await (const chunk of decodeUtf8(response.body, { idleTimeout: timeout, signal: controller.signal })) {
    text += chunk;
    if (text.length >= MAX_ERROR_BODY) break; // leaving the loop cancels the body
  }
  text = text.trim();
  if (text === '') return undefined;
  if (type.includes('json') || text.startsWith('{')) {
    try {
      const found = errorMessageOf(JSON.parse(text));
      if (found) return clip(found);
    } catch {
      // not JSON after all: judged as text below
    }
  }
  if (type.includes('html') || /^<(?:!doctype|html|\?xml)/i.test(text)) return undefined;
  if (text.startsWith('{') || text.startsWith('[')) return undefined; // JSON without a message
  return text.length <= MAX_TEXT_DETAIL ? text.replace(/\s+/g, ' ') : undefined;
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
