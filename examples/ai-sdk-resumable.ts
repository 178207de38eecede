// The AI SDK's own resume convention, for a backend built on the AI SDK (`streamText`): the
// answer's UI message stream is kept in Redis by the `resumable-stream` package while it is
// generated, and `GET /api/chat/<id>/stream` (the route `useChat({ resume: true })` calls after
// a reload) replays it from the start and follows it to the end, or answers 204 when no answer
// is running. A Stop (or a closed tab) only closes the connection: the answer goes on, to be
// picked up again. <llm-stream-chat> reads the UI message stream of the POST route as it is.
//
// In a Next.js app, one file holds both (e.g. lib/chat.ts), and the routes re-export them:
//   app/api/chat/route.ts:              export { POST } from '@/lib/chat';
//   app/api/chat/[id]/stream/route.ts:  export { GET } from '@/lib/chat';
//
//   npm install ai @ai-sdk/openai resumable-stream redis
//   REDIS_URL=redis://… OPENAI_API_KEY=sk-…   (OPENAI_BASE_URL, OPENAI_MODEL optional)
import { openai } from '@ai-sdk/openai';
import { streamText, UI_MESSAGE_STREAM_HEADERS } from 'ai';
import { createClient } from 'redis';
import { createResumableStreamContext } from 'resumable-stream';

const redis = createClient({ url: process.env.REDIS_URL }); // which stream is running, per chat
const connected = redis.connect();
// resumable-stream connects to REDIS_URL itself. On Vercel, pass `after` from 'next/server' as
// waitUntil, so the function lives until the answer is complete; a long-running server passes null.
const streams = createResumableStreamContext({ waitUntil: null });
const activeStreamKey = (chatId: string) => `chat:${chatId}:active-stream`;
const model = openai.chat(process.env.OPENAI_MODEL ?? 'gpt-4o-mini'); // OpenAI's Chat Completions API

interface ChatRequestBody {
  id?: string; // useChat's chat id
  requestId?: string; // <llm-stream-chat>'s id of this answer
  messages?: { role: 'user' | 'assistant'; content?: string }[];
}

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as ChatRequestBody;
  if (!Array.isArray(body.messages)) {
    return Response.json({ error: { message: 'The request needs a "messages" array.' } }, { status: 400 });
  }
  const chatId = body.id ?? body.requestId ?? crypto.randomUUID();
  const messages = body.messages.filter((m) => m.content).map(({ role, content = '' }) => ({ role, content }));
  await connected;
  request.signal.addEventListener('abort', () => console.log('Stopped: the client closed the connection.'));
  // No abortSignal here, on purpose: the answer outlives the connection, so it can be resumed.
  const result = streamText({ model, messages });
  return result.toUIMessageStreamResponse({
    // A copy of the stream, read to its end whoever listens: resumable-stream keeps it in Redis.
    async consumeSseStream({ stream }) {
      const streamId = crypto.randomUUID();
      await streams.createNewResumableStream(streamId, () => stream);
      await redis.set(activeStreamKey(chatId), streamId, { EX: 24 * 60 * 60 });
    },
    async onFinish() {
      await redis.del(activeStreamKey(chatId));
    },
  });
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  await connected;
  const streamId = await redis.get(activeStreamKey(id));
  const stream = streamId ? await streams.resumeExistingStream(streamId) : null;
  if (!stream) return new Response(null, { status: 204 }); // nothing running: the chat is complete
  return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: UI_MESSAGE_STREAM_HEADERS });
}
