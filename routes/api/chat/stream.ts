import { STATUS_CODES } from 'node:http'
import { PassThrough } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ChatInput } from '../../../schemas/chat.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'

/** A comment line now and then keeps proxies and idle-connection timeouts from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000

const stream: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/stream', {
    schema: {
      operationId: 'chatStream',
      tags: ['chat'],
      summary: 'Ask Mama Bear and receive the answer as Server-Sent Events',
      description: [
        'Events: `chunk` (ChatChunk, in order), `tool_call` and `tool_result` (ChatToolEvent), then either',
        '`done` (ChatReply; `stopped: true` when stopped) or `error` (the error body plus `conversation_id`,',
        '`message_id`, `provider` and the partial `response`). The answer is generated on the server: a client',
        'that disconnects can read it later from the conversation. Errors before the stream starts are plain JSON.'
      ].join(' '),
      body: Type.Ref(ChatInput),
      response: {
        200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.String() } } },
        400: ErrorRef,
        404: ErrorRef,
        409: ErrorRef,
        503: ErrorRef,
        ...authErrors
      }
    }
  }, async (request, reply) => {
    const events = new PassThrough()
    const send = (event: string, data: unknown) => {
      if (!events.writableEnded && !events.destroyed) events.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    }
    const answer = await fastify.mamaBear.begin(request.principal!.userId, request.body, (started) => {
      started.events.on('chunk', (chunk) => send('chunk', chunk))
      started.events.on('tool_call', (event) => send('tool_call', event))
      started.events.on('tool_result', (event) => send('tool_result', event))
    })
    const keepAlive = setInterval(() => { if (!events.destroyed) events.write(': keep-alive\n\n') }, KEEP_ALIVE_MS)
    answer.result.then(({ reply: done, error }) => {
      if (error) {
        const statusCode = error.statusCode ?? 500
        send('error', {
          statusCode,
          error: STATUS_CODES[statusCode] ?? 'Error',
          message: error.message,
          code: error.code,
          request_id: request.id,
          conversation_id: done.conversation_id,
          message_id: done.message_id,
          provider: done.provider,
          response: done.response
        })
      } else {
        send('done', done)
      }
    }).finally(() => {
      clearInterval(keepAlive)
      events.end()
    })
    return reply
      .header('cache-control', 'no-cache')
      .header('x-accel-buffering', 'no')
      .header('x-conversation-id', answer.conversation_id)
      .header('x-message-id', answer.message_id)
      .type('text/event-stream; charset=utf-8')
      // The schema describes the stream's text; what is sent is the stream itself.
      .send(events as unknown as string)
  })
}

export default stream
