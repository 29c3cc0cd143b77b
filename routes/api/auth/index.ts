import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreateTokenBody, CreatedToken, Me, TokenInfo } from '../../../schemas/auth.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { TokenNotFoundError } from '../../../services/auth/errors.js'

const admin = { scope: 'admin' } as const

const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/me', {
    // Always far below the compression threshold (a 64-character name, two ids, three scopes at
    // most): SDKs call it often, and the compression hooks would only look and pass.
    compress: false,
    schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who the presented token belongs to', response: { 200: Me, ...authErrors } }
  }, async (request) => {
    const principal = request.principal!
    return { user_id: principal.userId, user: principal.userName, token_id: principal.tokenId, scopes: principal.scopes }
  })

  fastify.post('/tokens', {
    config: admin,
    schema: {
      operationId: 'createToken',
      tags: ['auth'],
      summary: 'Create a token for a user (created if new); the token is shown only in this response',
      body: CreateTokenBody,
      response: { 201: CreatedToken, 400: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const created = await fastify.tokens.create(request.body)
    return reply.code(201).send(created)
  })

  fastify.get('/tokens', {
    config: admin,
    schema: {
      operationId: 'listTokens',
      tags: ['auth'],
      summary: 'Every token (never the token itself)',
      response: { 200: Type.Object({ tokens: Type.Array(Type.Ref(TokenInfo)) }), ...authErrors }
    }
  }, async () => ({ tokens: await fastify.tokens.list() }))

  fastify.delete('/tokens/:id', {
    config: admin,
    schema: {
      operationId: 'revokeToken',
      tags: ['auth'],
      summary: 'Revoke a token; it stops working at once',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      response: { 204: Type.Null(), 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    if (!await fastify.tokens.revoke(request.params.id)) throw new TokenNotFoundError(request.params.id)
    return reply.code(204).send(null)
  })
}

export default auth
