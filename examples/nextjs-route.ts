// A Next.js App Router route handler: save it as app/api/chat/route.ts. It is a plain
// `Request` → `Response` function, so the same code runs on any runtime with web streams
// (Next.js, Hono, Deno, Bun, Cloudflare Workers) with its own way to read the API key.
//
//   npm install openai          OPENAI_API_KEY=sk-… (OPENAI_BASE_URL, OPENAI_MODEL optional)
import OpenAI from 'openai';

const openai = new OpenAI(); // reads OPENAI_API_KEY and OPENAI_BASE_URL
const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);

interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export const dynamic = 'force-dynamic'; // never cache or prerender this route
// On a serverless host, raise the time limit above your longest answer (Vercel: seconds).
export const maxDuration = 60;

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { messages?: ChatMessage[] };
  if (!Array.isArray(body.messages)) {
    return Response.json({ error: { message: 'The request needs a "messages" array.' } }, { status: 400 });
  }
  // The element's messages carry more than OpenAI accepts: keep the role and the text.
  const messages = body.messages.filter((m) => m.content).map(({ role, content }) => ({ role, content }));
  const upstream = new AbortController();
  // Aborted when the browser goes away (Stop, or a closed tab).
  request.signal.addEventListener('abort', () => upstream.abort());

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const completion = await openai.chat.completions.create(
          { model, messages, stream: true },
          { signal: upstream.signal },
        );
        for await (const chunk of completion) {
          const text = chunk.choices[0]?.delta?.content;
          if (text) controller.enqueue(event({ content: text }));
        }
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      } catch (error) {
        if (upstream.signal.aborted) return;
        console.error(error);
        controller.enqueue(event({ error: { message: 'The model could not answer. Try again.' } }));
        controller.close();
      }
    },
    cancel() {
      upstream.abort(); // the response's reader went away: stop the model too
      console.log('Stopped: the client closed the connection.');
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
