import fp from 'fastify-plugin'
import { ControlCenter } from './control-center.js'

declare module 'fastify' {
  interface FastifyInstance {
    controlCenter: ControlCenter
  }
}

/** The control center service: status, effective configuration. */
export default fp(async (fastify) => {
  const control = new ControlCenter({ health: fastify.health, db: fastify.db, dbInfo: fastify.dbInfo, config: fastify.config })
  fastify.decorate('controlCenter', control)
  fastify.addHook('onClose', async () => { control.close() })
}, { name: 'control', dependencies: ['health', 'db', 'config'] })
