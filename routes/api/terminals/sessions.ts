import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { CreateTerminalBody, Terminal, TerminalListQuery, TerminalPage, TerminalParams } from '../../../schemas/terminals.js'

const terminals: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/', {
    // A terminal runs any command as the service's user, so opening one is for admins only.
    config: { scope: 'admin' },
    schema: {
      operationId: 'createTerminal',
      tags: ['terminals'],
      summary: 'Open a shared terminal: a shell in a pseudo-terminal, started in a workspace directory',
      body: CreateTerminalBody,
      response: { 201: Type.Ref(Terminal), 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const terminal = await fastify.terminals.create(request.principal!, request.body)
    return reply.code(201).send(terminal)
  })

  fastify.get('/', {
    schema: {
      operationId: 'listTerminals',
      tags: ['terminals'],
      summary: 'Open terminals: your own, or every one for an admin',
      querystring: TerminalListQuery,
      response: { 200: TerminalPage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => fastify.terminals.list(request.principal!, request.query))

  fastify.get('/:id', {
    schema: {
      operationId: 'getTerminal',
      tags: ['terminals'],
      summary: 'One open terminal',
      params: TerminalParams,
      response: { 200: Type.Ref(Terminal), 404: ErrorRef, ...authErrors }
    }
  }, async (request) => fastify.terminals.get(request.principal!, request.params.id))

  fastify.delete('/:id', {
    schema: {
      operationId: 'deleteTerminal',
      tags: ['terminals'],
      summary: 'Close a terminal: its shell is hung up and every attached client gets terminal_exit',
      params: TerminalParams,
      response: { 204: Type.Null(), 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    await fastify.terminals.kill(request.principal!, request.params.id)
    return reply.code(204).send(null)
  })
}

export default terminals
