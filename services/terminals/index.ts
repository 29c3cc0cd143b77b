import fp from 'fastify-plugin'
import { TerminalManager } from './manager.js'

declare module 'fastify' {
  interface FastifyInstance {
    terminals: TerminalManager
  }
}

/**
 * Shared terminals: shells in pseudo-terminals, started as the service's own user in a workspace
 * directory, capped in number, closed when idle and all killed at shutdown.
 */
export default fp(async (fastify) => {
  const terminals = new TerminalManager({
    maxTerminals: fastify.config.maxTerminals,
    idleMs: fastify.config.terminalIdleMs,
    resolveDirectory: (userId, workspaceId, path) => fastify.workspaces.resolve(userId, workspaceId, path)
  })
  fastify.decorate('terminals', terminals)
  // A shell must not outlive the directory it works in.
  fastify.workspaces.events.on('deleted', ({ workspace_id: workspaceId }) => {
    terminals.closeWorkspace(workspaceId).catch((error: Error) => fastify.log.error({ err: error, workspace_id: workspaceId }, 'could not close a workspace\'s terminals'))
  })
  fastify.health.registerCheck('terminals', async () => `${terminals.count} of ${terminals.maxTerminals} open`)
  fastify.health.registerGauge('active_terminals', () => terminals.count)
  fastify.addHook('onClose', async () => { await terminals.closeAll() })
}, { name: 'terminals', dependencies: ['config', 'health', 'workspaces'] })
