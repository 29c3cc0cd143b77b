import fp from 'fastify-plugin'
import { MarketplaceService } from './service.js'

declare module 'fastify' {
  interface FastifyInstance {
    marketplace: MarketplaceService
  }
}

const CATALOG_REFRESH_MS = 30_000

/** The MCP marketplace service: loads the catalog file into the database and the search index at start. */
export default fp(async (fastify) => {
  const { config } = fastify
  const marketplace = await MarketplaceService.open({
    db: fastify.db,
    dataDir: config.dataDir,
    secretKey: config.secretKey,
    catalogPath: config.catalogPath
  })
  const report = marketplace.loadReport
  fastify.log.info({ catalog: config.catalogPath, imported: report.imported, updated: report.updated, unchanged: report.unchanged, indexed: marketplace.catalog.index.size }, 'MCP catalog loaded')
  fastify.decorate('marketplace', marketplace)
  fastify.health.registerCheck('marketplace', async () => `${marketplace.catalog.index.size} servers indexed`)
  fastify.health.registerGauge('mcp_catalog_servers', () => marketplace.catalog.index.size)
  // Picks up imports made outside this process: the command line, or another instance.
  const refresher = setInterval(() => {
    marketplace.catalog.refresh().catch((error: Error) => fastify.log.warn({ err: error }, 'MCP catalog refresh failed'))
  }, CATALOG_REFRESH_MS)
  refresher.unref()
  fastify.addHook('onClose', async () => {
    clearInterval(refresher)
    marketplace.close()
  })
}, { name: 'marketplace', dependencies: ['config', 'db', 'health'] })
