// When OPENAI_BASE_URL is set, the demo forwards the conversation to that OpenAI-compatible
// server (Ollama, vLLM, LM Studio, OpenAI itself) and relays its stream and its errors unchanged;
// the element detects OpenAI's chunk format. The element's requestId is not forwarded: OpenAI
// rejects unknown body fields. Such streams carry no ids, so a drop is not resumed.
import { readJson, sendJsonError } from './mock-backend.mjs';

/**
 * @param {{ baseUrl: string, apiKey?: string, model?: string }} options
 */
export function createOpenAiProxyHandler({ baseUrl, apiKey, model = 'gpt-4o-mini' }) {
  const url = `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async function handleChat(req, res) {
    let body;
    if (req.method === 'GET') {
      // The element's method="GET": the message travels in a query parameter.
      const message = new URL(req.url ?? '/', 'http://localhost').searchParams.get('message') ?? '';
      body = { messages: [{ role: 'user', content: message }] };
    } else {
      try {
        body = await readJson(req);
      } catch (error) {
        sendJsonError(res, 400, error.message);
        return;
      }
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    let upstream;
    try {
      upstream = await fetch(url, {
        method: 'POST',
        signal: abort.signal,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
          ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({ model, messages: body.messages ?? [], stream: true }),
      });
    } catch (error) {
      if (!abort.signal.aborted) sendJsonError(res, 502, `Could not reach ${url}: ${error.message}`);
      return;
    }
    res.writeHead(upstream.status, {
      'Content-Type': upstream.headers.get('content-type') ?? 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    });
    try {
      for await (const chunk of upstream.body ?? []) res.write(chunk);
    } catch {
      // The client went away or the upstream dropped; either way the response ends here.
    }
    res.end();
  };
}
