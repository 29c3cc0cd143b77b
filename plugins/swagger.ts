import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { version } from './version.js'

/**
 * OpenAPI 3.1 from the routes' TypeBox schemas. Shared schemas keep their $id as the component
 * name (instead of def-0, def-1…), so generated SDKs get readable type names.
 */
export default fp(async (fastify) => {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Podplay Sanctuary API',
        version,
        description: 'Self-hosted backend for a developer\'s AI workspace. Every /api route needs `Authorization: Bearer <token>`.'
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'an API token (pps_…)' } }
      },
      security: [{ bearerAuth: [] }]
    },
    refResolver: {
      buildLocalReference (json, _baseUri, _fragment, i) {
        return typeof json.$id === 'string' ? json.$id : `Schema${i}`
      }
    }
  })
  await fastify.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'swagger' })
