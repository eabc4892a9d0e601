// POST /api/v1/ui/chat: one chat turn, answered as Server-Sent Events (text, tool_call, tool_result, done, error).
import type { Route } from '../router';
import { HttpError } from '../http';
import { openSse } from '../sse';
import { answerChat, chatRequestSchema } from './chat';

export function chatRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/ui/chat',
      doc: {
        summary: 'Browser UI chat: one turn (a slash command answered by the analyzers, or a free question through the configured model); events stream back',
        tags: ['ui'],
        body: chatRequestSchema,
        errors: [400],
        responses: { 'text/event-stream': undefined },
      },
      handler: async ({ res, deps, body, signal }) => {
        const parsed = chatRequestSchema.safeParse(await body());
        if (!parsed.success) throw new HttpError(400, `not a chat turn: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`, 'send {"text": "…", "history": [{"role": "user"|"assistant", "text": "…"}]}');
        const sse = openSse(res);
        try {
          await answerChat(deps, parsed.data, (e) => sse.send(e.type, e), signal);
        } catch (err) {
          deps.log.warn(`chat turn failed: ${String(err)}`);
          sse.send('error', { message: `The answer failed: ${(err as Error)?.message ?? String(err)}`, hint: 'Slash commands (/help) answer without a model; check the model endpoint and the server log.' });
        } finally {
          sse.close();
        }
      },
    },
  ];
}
