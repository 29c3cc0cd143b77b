import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ChatInput, ChatReply } from '../../../schemas/chat.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'

/** What a chat may answer besides its reply: bad input, another's conversation, busy, provider failures. */
const chatErrors = { 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 503: ErrorRef, 504: ErrorRef, ...authErrors }

const chat: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/', {
    prefixTrailingSlash: 'no-slash',
    schema: {
      operationId: 'chat',
      tags: ['chat'],
      summary: 'Ask Mama Bear and wait for the whole answer',
      description: 'The answer is generated on the server and stored whether or not the client waits for it. On a provider failure (502/504) the user\'s message is kept; the x-conversation-id and x-message-id headers say where.',
      body: Type.Ref(ChatInput),
      response: { 200: Type.Ref(ChatReply), ...chatErrors }
    }
  }, async (request, reply) => {
    // An answer may take longer than the server's idle-connection timeout; the provider timeout bounds
    // it instead. (An injected request has no real socket to change.)
    request.socket.setTimeout?.(0)
    const { reply: answer, error } = await fastify.mamaBear.chat(request.principal!.userId, request.body)
    reply.header('x-conversation-id', answer.conversation_id).header('x-message-id', answer.message_id)
    if (error) throw error
    return answer
  })
}

export default chat
