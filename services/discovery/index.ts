import fp from 'fastify-plugin'
import { DiscoveryService } from './service.js'
import { signalMap } from './signal-map.js'

declare module 'fastify' {
  interface FastifyInstance {
    discovery: DiscoveryService
  }
}

/** The discovery agent: MCP server recommendations from what a workspace's manifests say. */
export default fp(async (fastify) => {
  const discovery = new DiscoveryService(fastify.marketplace, fastify.workspaces, {
    onError: (error, workspaceId) => fastify.log.warn({ err: error, workspace_id: workspaceId }, 'discovery could not recompute recommendations')
  })
  fastify.decorate('discovery', discovery)
  fastify.health.registerCheck('discovery', async () => `${signalMap.length} servers mapped`)
  fastify.addHook('onClose', async () => { discovery.close() })
}, { name: 'discovery', dependencies: ['health', 'marketplace', 'workspaces'] })
