import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { CreateWorkspaceBody, Workspace, WorkspaceListQuery, WorkspacePage, WorkspaceParams } from '../../../schemas/workspaces.js'

/** The caller's workspaces: folders on the server that terminals, files and discovery work in. */
const workspaces: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/', {
    schema: {
      operationId: 'createWorkspace',
      tags: ['workspaces'],
      summary: 'Create an empty workspace',
      body: CreateWorkspaceBody,
      response: { 201: Type.Ref(Workspace), 400: ErrorRef, 409: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const workspace = await fastify.workspaces.create(request.principal!.userId, request.body.name)
    return reply.code(201).send(workspace)
  })

  fastify.get('/', {
    schema: {
      operationId: 'listWorkspaces',
      tags: ['workspaces'],
      summary: 'Your workspaces, oldest first',
      querystring: WorkspaceListQuery,
      response: { 200: WorkspacePage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.workspaces.list(request.principal!.userId, request.query))

  fastify.delete('/:id', {
    schema: {
      operationId: 'deleteWorkspace',
      tags: ['workspaces'],
      summary: 'Delete a workspace and every file in it',
      params: WorkspaceParams,
      response: { 204: Type.Null(), 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    await fastify.workspaces.remove(request.principal!.userId, request.params.id)
    return reply.code(204).send(null)
  })
}

export default workspaces
