import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ChatReply, Conversation, ConversationId, ConversationPage, ExportQuery, ListConversationsQuery } from '../../../schemas/chat.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'

const ConversationParams = Type.Object({ id: ConversationId })
const notFound = { 404: ErrorRef, ...authErrors }

/** A user's conversations: only their own are ever visible (another's is 404). */
const conversations: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/conversations', {
    schema: {
      operationId: 'listConversations',
      tags: ['chat'],
      summary: 'Your conversations, most recently active first',
      querystring: ListConversationsQuery,
      response: { 200: ConversationPage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.mamaBear.listConversations(request.principal!.userId, request.query))

  fastify.get('/conversations/:id', {
    schema: {
      operationId: 'getConversation',
      tags: ['chat'],
      summary: 'A conversation with every message, tool call and result',
      params: ConversationParams,
      response: { 200: Type.Ref(Conversation), ...notFound }
    }
  }, async (request) => await fastify.mamaBear.getConversation(request.principal!.userId, request.params.id))

  fastify.delete('/conversations/:id', {
    schema: {
      operationId: 'deleteConversation',
      tags: ['chat'],
      summary: 'Delete a conversation (an answer still being written is stopped first)',
      params: ConversationParams,
      response: { 204: Type.Null(), ...notFound }
    }
  }, async (request, reply) => {
    await fastify.mamaBear.deleteConversation(request.principal!.userId, request.params.id)
    return reply.code(204).send(null)
  })

  fastify.post('/conversations/:id/stop', {
    schema: {
      operationId: 'stopConversation',
      tags: ['chat'],
      summary: 'Stop the answer being generated; it is kept as far as it got, marked stopped',
      params: ConversationParams,
      response: { 200: Type.Ref(ChatReply), 409: ErrorRef, ...notFound }
    }
  }, async (request) => await fastify.mamaBear.stop(request.principal!.userId, request.params.id))

  fastify.get('/conversations/:id/export', {
    schema: {
      operationId: 'exportConversation',
      tags: ['chat'],
      summary: 'Download a conversation as Markdown or JSON',
      params: ConversationParams,
      querystring: ExportQuery,
      response: {
        200: {
          description: 'the conversation',
          content: {
            'text/markdown': { schema: Type.String() },
            'application/json': { schema: Type.Ref(Conversation) }
          }
        },
        400: ErrorRef,
        ...notFound
      }
    }
  }, async (request, reply) => {
    const { format } = request.query
    const exported = await fastify.mamaBear.exportConversation(request.principal!.userId, request.params.id, format)
    const extension = format === 'json' ? 'json' : 'md'
    reply.header('content-disposition', `attachment; filename="conversation-${request.params.id}.${extension}"`)
    return reply.type(format === 'json' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8').send(exported)
  })
}

export default conversations
