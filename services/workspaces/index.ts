import { access, constants } from 'node:fs/promises'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import { WorkspaceService } from './service.js'

declare module 'fastify' {
  interface FastifyInstance {
    workspaces: WorkspaceService
  }
}

/** The workspaces service: users' folders, their files, and watchers for live updates. */
export default fp(async (fastify) => {
  const workspaces = await WorkspaceService.open(fastify.db, fastify.config.dataDir, fastify.config.workspaces, (error, workspaceId) => {
    fastify.log.warn({ err: error, workspace_id: workspaceId }, 'workspace watcher error')
  })
  fastify.decorate('workspaces', workspaces)
  fastify.health.registerCheck('workspaces', async () => {
    await access(join(fastify.config.dataDir, 'workspaces'), constants.R_OK | constants.W_OK)
    return `${workspaces.watchedCount} watched`
  })
  // Active = being watched by at least one subscriber, not every workspace on disk.
  fastify.health.registerGauge('active_workspaces', () => workspaces.watchedCount)
  fastify.addHook('onClose', async () => { await workspaces.close() })
}, { name: 'workspaces', dependencies: ['config', 'db', 'health'] })
