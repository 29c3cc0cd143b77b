import fp from 'fastify-plugin'
import { MamaBear } from './agent.js'
import { Providers } from './providers/index.js'
import { ConversationQueries } from './queries.js'
import { ConversationStore } from './store.js'
import { ANSWER_LEASE_MS, AnswerLeases } from './leases.js'
import { marketplaceTools } from './tools/marketplace.js'
import { mcpToolSource } from './tools/mcp.js'
import { runtimeTools } from './tools/runtime.js'
import { systemStatusTool } from './tools/system.js'

declare module 'fastify' {
  interface FastifyInstance {
    mamaBear: MamaBear
  }
}

/**
 * Mama Bear, the assistant: conversations, the configured provider (embedded by default), tools and
 * answers that outlive the clients that asked for them.
 */
export default fp(async (fastify) => {
  const { ai } = fastify.config
  const providers = new Providers(ai)
  const store = new ConversationStore(fastify.db, { instanceId: fastify.instanceId, leaseMs: ANSWER_LEASE_MS })
  // Answers a previous process left half-written are closed as failed before any new one starts.
  const leases = new AnswerLeases(store, fastify.log.child({ service: 'mama-bear' }))
  await leases.start()

  const mamaBear = new MamaBear({
    store,
    queries: new ConversationQueries(fastify.db),
    providers,
    settings: { timeoutMs: ai.timeoutMs, maxRetries: ai.maxRetries, maxToolSteps: ai.maxToolSteps, maxGenerationsPerUser: ai.maxGenerationsPerUser },
    log: fastify.log.child({ service: 'mama-bear' })
  })
  mamaBear.tools.register(systemStatusTool(() => fastify.systemStatus()))
  for (const tool of [...marketplaceTools(fastify.marketplace, fastify.mcpRuntime), ...runtimeTools(fastify.mcpRuntime)]) mamaBear.tools.register(tool)
  mamaBear.tools.addSource(mcpToolSource(fastify.mcpRuntime, fastify.log.child({ service: 'mama-bear' })))

  fastify.decorate('mamaBear', mamaBear)
  fastify.health.registerCheck('mama-bear', async () => {
    const { name, model } = mamaBear.provider
    return `${name} (${model}), ${mamaBear.generating} answering`
  })
  // The configured AI provider answering is part of being ready (the embedded one always does).
  fastify.health.registerCheck('ai-provider', async () => {
    const active = (await mamaBear.providersReport()).find((provider) => provider.active)
    if (active?.reachable === false) throw new Error(`${active.name} is not reachable: ${active.detail}`)
    return `${active?.name} reachable`
  })
  fastify.health.registerGauge('active_generations', () => mamaBear.generating)
  fastify.addHook('onClose', async () => {
    leases.stop()
    await mamaBear.close()
  })
}, { name: 'mama-bear', dependencies: ['config', 'db', 'instance', 'health', 'marketplace', 'mcp-runtime'] })
