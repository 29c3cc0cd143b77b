import fp from 'fastify-plugin'
import { pingDatabase } from '../../plugins/db.js'
import type { SystemStatus } from '../../schemas/health.js'
import { HealthRegistry } from './registry.js'
import { ProcessSampler } from './process-sampler.js'

declare module 'fastify' {
  interface FastifyInstance {
    health: HealthRegistry
    /** The live figures pushed as `system_status`; one computation serves every listener. */
    systemStatus: () => Promise<SystemStatus>
  }
}

/** The health service: the registry other services add their checks to, and the system status. */
export default fp(async (fastify) => {
  const registry = new HealthRegistry()
  const sampler = new ProcessSampler()
  registry.registerCheck('database', async () => {
    await pingDatabase(fastify.db)
    return fastify.dbInfo.kind
  })
  fastify.decorate('health', registry)
  fastify.decorate('systemStatus', async (): Promise<SystemStatus> => {
    const readiness = await registry.readiness()
    const figures = sampler.sample()
    return {
      timestamp: readiness.timestamp,
      services: Object.fromEntries(Object.entries(readiness.services).map(([name, check]) => [name, check.status])),
      system: {
        cpu_usage: figures.cpuPercent,
        memory_usage: figures.memoryPercent,
        memory_rss_bytes: figures.rssBytes,
        active_workspaces: registry.gauge('active_workspaces'),
        active_terminals: registry.gauge('active_terminals'),
        connected_clients: registry.gauge('connected_clients')
      }
    }
  })
}, { name: 'health', dependencies: ['db'] })
