import fp from 'fastify-plugin'
import { sharedSchemas } from '../schemas/shared.js'

/** Registers the named schemas once, on the root, before any route references them. */
export default fp(async (fastify) => {
  for (const schema of sharedSchemas) fastify.addSchema(schema)
}, { name: 'shared-schemas' })
