import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { defineTool } from '../mama-bear/tools.js'
import { productTools, type BriefingResult } from '../mama-bear/tools/shapes.js'
import { BriefingService } from './service.js'

declare module 'fastify' {
  interface FastifyInstance {
    briefing: BriefingService
  }
}

/** The daily briefing service; also gives Mama Bear a tool to read today's briefing. */
export default fp(async (fastify) => {
  const briefing = new BriefingService(fastify.db, {
    marketplace: fastify.marketplace,
    runtime: fastify.mcpRuntime,
    discovery: fastify.discovery,
    mamaBear: fastify.mamaBear,
    readiness: () => fastify.health.readiness(),
    systemStatus: () => fastify.systemStatus()
  }, fastify.log.child({ service: 'briefing' }))
  fastify.decorate('briefing', briefing)

  fastify.mamaBear.tools.register(defineTool({
    name: productTools.briefing,
    title: "Today's briefing",
    annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    description: "The user's daily briefing for today (written now if not yet): installed servers and their state, catalog news, recommendations, recent conversations and system health.",
    input: Type.Object({}),
    run: async (_args, { userId }): Promise<BriefingResult> => {
      const today = await briefing.today(userId)
      return { date: today.date, content: today.content }
    }
  }))

  fastify.health.registerCheck('briefing', async () => `${await briefing.count()} briefings kept`)
}, { name: 'briefing', dependencies: ['db', 'health', 'marketplace', 'mcp-runtime', 'discovery', 'mama-bear'] })
