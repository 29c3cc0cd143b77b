import fp from 'fastify-plugin'
import type { InstallEvent } from '../marketplace/service.js'
import { McpRuntime } from './runtime.js'

declare module 'fastify' {
  interface FastifyInstance {
    mcpRuntime: McpRuntime
  }
}

/** The MCP runtime: runs users' installed servers; every child is stopped (and awaited) on close. */
export default fp(async (fastify) => {
  const { mcp } = fastify.config
  const runtime = new McpRuntime(fastify.marketplace, { maxPerUser: mcp.maxPerUser, maxTotal: mcp.maxTotal, callTimeoutMs: mcp.callTimeoutMs, heartbeatMs: mcp.heartbeatMs })
  fastify.decorate('mcpRuntime', runtime)

  runtime.events.on('status', (status) => {
    const { name, user_id: userId, state, pid, exit_code: exitCode, last_error: lastError } = status
    fastify.log[state === 'crashed' ? 'warn' : 'info']({ mcp_server: name, user_id: userId, state, pid, exit_code: exitCode, last_error: lastError }, 'MCP server state changed')
  })

  // An uninstalled server must not keep running.
  const onUninstalled = ({ user_id: userId, name }: InstallEvent) => {
    runtime.forget(userId, name).catch((error: Error) => fastify.log.error({ err: error, mcp_server: name }, 'could not stop an uninstalled MCP server'))
  }
  fastify.marketplace.events.on('uninstalled', onUninstalled)

  fastify.health.registerCheck('mcp-runtime', async () => {
    const { running, crashed } = runtime.counts()
    return `${running} running, ${crashed} crashed`
  })
  fastify.health.registerGauge('mcp_running', () => runtime.counts().running)
  fastify.health.registerGauge('mcp_crashed', () => runtime.counts().crashed)

  fastify.addHook('onClose', async () => {
    fastify.marketplace.events.off('uninstalled', onUninstalled)
    await runtime.close()
  })
}, { name: 'mcp-runtime', dependencies: ['config', 'marketplace', 'health'] })
