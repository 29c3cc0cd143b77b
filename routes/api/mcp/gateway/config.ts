import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../../schemas/common.js'
import { GatewayConfig, GatewayConfigQuery } from '../../../../schemas/mcp-gateway.js'
import { gatewaySnippet } from '../../../../services/mcp-gateway/client-config.js'

/** The snippet that points an MCP client at the gateway. */
const config: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/config', {
    schema: {
      operationId: 'getMcpGatewayConfig',
      tags: ['mcp-gateway'],
      summary: 'The configuration that points Claude Desktop, Claude Code, VS Code or Cursor at the MCP gateway (its URL as this request reached it, and the Authorization header), with ?profile= and ?tools= when given',
      querystring: GatewayConfigQuery,
      response: { 200: GatewayConfig, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { client, profile, tools, include_token: includeToken } = request.query
    // A snippet for a profile the user does not have would only fail later, in the client.
    if (profile !== undefined) await fastify.mcpGateway.profiles.get(request.principal!.userId, profile)
    const url = new URL('/mcp', `${request.protocol}://${request.host}`)
    if (profile !== undefined) url.searchParams.set('profile', profile)
    if (tools !== undefined) url.searchParams.set('tools', tools)
    const token = includeToken ? request.headers.authorization?.replace(/^Bearer\s+/i, '') : undefined
    return gatewaySnippet({ client, url: url.href, token, profile })
  })
}

export default config
