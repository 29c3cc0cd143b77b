import fp from 'fastify-plugin'
import { DevEnvironmentService } from './environment.js'

declare module 'fastify' {
  interface FastifyInstance {
    devEnvironment: DevEnvironmentService
  }
}

/** The report behind GET /api/dev/environment; it holds no resources beyond a cache. */
export default fp(async (fastify) => {
  fastify.decorate('devEnvironment', new DevEnvironmentService())
}, { name: 'dev-environment' })
