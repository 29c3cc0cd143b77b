import fp from 'fastify-plugin'
import { McpGateway } from './gateway.js'

declare module 'fastify' {
  interface FastifyInstance {
    mcpGateway: McpGateway
  }
}

/**
 * The MCP gateway (`/mcp`): every running MCP server of a user, and the sanctuary's own tools
 * (Mama Bear's, the same definitions), behind one MCP endpoint. Its sessions are closed on close.
 */
export default fp(async (fastify) => {
  const { gateway, mcp } = fastify.config
  const mcpGateway = new McpGateway({
    db: fastify.db,
    runtime: fastify.mcpRuntime,
    // Read when asked: the briefing adds its tool to Mama Bear's list too, and the gateway offers the whole list.
    ownTools: () => fastify.mamaBear.tools.shared,
    serverTitle: async (userId, server) => (await fastify.marketplace.getInstall(userId, server)).title,
    log: fastify.log.child({ service: 'mcp-gateway' })
  }, {
    sessionIdleMs: gateway.sessionIdleMs,
    maxSessionsPerUser: gateway.maxSessionsPerUser,
    nameMaxLength: gateway.nameMaxLength,
    callTimeoutMs: mcp.callTimeoutMs
  })
  fastify.decorate('mcpGateway', mcpGateway)

  fastify.health.registerCheck('mcp-gateway', async () => `${mcpGateway.openSessions} open sessions`)
  fastify.health.registerGauge('gateway_sessions', () => mcpGateway.openSessions)
  // The sessions' open streams would hold the server's close up (it waits for every response):
  // they end before it, in preClose; what is left (the call records) is finished in onClose.
  fastify.addHook('preClose', async () => { await mcpGateway.closeSessions() })
  fastify.addHook('onClose', async () => { await mcpGateway.close() })
}, { name: 'mcp-gateway', dependencies: ['config', 'db', 'health', 'marketplace', 'mcp-runtime', 'mama-bear', 'briefing'] })
