import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import {
  DeleteFileQuery, FileContent, FileQuery, MoveBody, MoveResult, WorkspaceParams, WriteFileBody, WriteFileQuery, WrittenFile
} from '../../../schemas/workspaces.js'

/** Reading and changing single files; paths stay inside the workspace (400/403 otherwise). */
const files: FastifyPluginAsyncTypebox = async (fastify) => {
  const pathErrors = { 400: ErrorRef, 404: ErrorRef, ...authErrors }

  fastify.get('/:id/files', {
    schema: {
      operationId: 'readWorkspaceFile',
      tags: ['workspaces'],
      summary: 'Read a file; binary files are reported as binary unless asked for as base64',
      params: WorkspaceParams,
      querystring: FileQuery,
      response: { 200: FileContent, 413: ErrorRef, ...pathErrors }
    }
  }, async (request) => {
    const { path, encoding } = request.query
    return await fastify.workspaces.readFile(request.principal!.userId, request.params.id, path, encoding)
  })

  fastify.put('/:id/files', {
    // Room for the largest allowed file in base64 plus the JSON around it; the service checks the decoded size.
    bodyLimit: Math.ceil(fastify.config.workspaces.maxWriteBytes * 4 / 3) + 64 * 1024,
    schema: {
      operationId: 'writeWorkspaceFile',
      tags: ['workspaces'],
      summary: 'Create or replace a file atomically',
      params: WorkspaceParams,
      querystring: WriteFileQuery,
      body: WriteFileBody,
      response: { 200: WrittenFile, 201: WrittenFile, 413: ErrorRef, ...pathErrors }
    }
  }, async (request, reply) => {
    const { content, encoding } = request.body
    const written = await fastify.workspaces.writeFile(request.principal!.userId, request.params.id, request.query.path, content, encoding)
    return reply.code(written.created ? 201 : 200).send(written)
  })

  fastify.delete('/:id/files', {
    schema: {
      operationId: 'deleteWorkspaceFile',
      tags: ['workspaces'],
      summary: 'Delete a file, a symlink (not its target) or a folder',
      params: WorkspaceParams,
      querystring: DeleteFileQuery,
      response: { 204: Type.Null(), 409: ErrorRef, ...pathErrors }
    }
  }, async (request, reply) => {
    const { path, recursive } = request.query
    await fastify.workspaces.deleteEntry(request.principal!.userId, request.params.id, path, recursive)
    return reply.code(204).send(null)
  })

  fastify.post('/:id/files/move', {
    schema: {
      operationId: 'moveWorkspaceFile',
      tags: ['workspaces'],
      summary: 'Move or rename a file or folder within the workspace',
      params: WorkspaceParams,
      body: MoveBody,
      response: { 200: MoveResult, 409: ErrorRef, ...pathErrors }
    }
  }, async (request) => {
    const { from, to, overwrite } = request.body
    return await fastify.workspaces.move(request.principal!.userId, request.params.id, from, to, overwrite)
  })
}

export default files
