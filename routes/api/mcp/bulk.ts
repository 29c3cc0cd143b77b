import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { BulkBody, BulkResult } from '../../../schemas/mcp-runtime.js'

/** One action over several of the user's installs; one name failing does not stop the others. */
const bulk: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/bulk', {
    schema: {
      operationId: 'bulkMcpServers',
      tags: ['mcp-runtime'],
      summary: 'Start, stop, restart or uninstall several installed servers, in the order given; each name gets its own result',
      body: BulkBody,
      response: { 200: BulkResult, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => fastify.mcpRuntime.bulk(request.principal!.userId, request.body.action, request.body.names))
}

export default bulk
