import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../../schemas/common.js'
import { GatewayCallPage, GatewayCallsQuery } from '../../../../schemas/mcp-gateway.js'
import { hasScope } from '../../../../services/auth/tokens.js'

/** The record of calls through the MCP gateway. */
const calls: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/calls', {
    schema: {
      operationId: 'listMcpGatewayCalls',
      tags: ['mcp-gateway'],
      summary: 'Calls through the MCP gateway, newest first: who, which session and profile, which server and tool, how long, how it ended (never the arguments). Your own calls; an admin sees everyone\'s',
      querystring: GatewayCallsQuery,
      response: { 200: GatewayCallPage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const principal = request.principal!
    const admin = hasScope(principal, 'admin')
    // Only an admin picks whose calls; for anyone else the filter is their own id.
    const query = admin ? request.query : { ...request.query, user_id: undefined }
    return await fastify.mcpGateway.calls.page(admin ? undefined : principal.userId, query)
  })
}

export default calls
