import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { SearchQuery, SearchResult, TreeQuery, WorkspaceParams, WorkspaceTree } from '../../../schemas/workspaces.js'

/** Browsing a workspace: its folders, and a search through its text files. */
const tree: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/:id/tree', {
    schema: {
      operationId: 'getWorkspaceTree',
      tags: ['workspaces'],
      summary: 'List a folder, depth levels deep (node_modules and .git only when asked)',
      params: WorkspaceParams,
      querystring: TreeQuery,
      response: { 200: WorkspaceTree, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { path, depth, include_ignored: includeIgnored } = request.query
    return await fastify.workspaces.tree(request.principal!.userId, request.params.id, { path, depth, includeIgnored })
  })

  fastify.get('/:id/search', {
    schema: {
      operationId: 'searchWorkspace',
      tags: ['workspaces'],
      summary: 'Find text in the workspace\'s files (literal, case-insensitive, capped)',
      params: WorkspaceParams,
      querystring: SearchQuery,
      response: { 200: SearchResult, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { q, path, limit } = request.query
    return await fastify.workspaces.search(request.principal!.userId, request.params.id, q, { path, limit })
  })
}

export default tree
