import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  registry: Registry
  socketEvents: Counter<'event' | 'direction'>
  chatGenerationSeconds: Histogram<'provider' | 'outcome'>
  chatTokens: Counter<'provider' | 'kind'>
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
  interface FastifyContextConfig {
    /** A health probe: load balancers call it on a timer, so it is neither timed, rate limited nor logged above debug. */
    probe?: boolean
  }
}

/**
 * Prometheus metrics. Scraping costs nothing per request beyond the counters: the HTTP histogram is
 * observed in one onResponse hook (health probes are left out: a load balancer's polling would
 * swamp the real traffic), and every count a service registers with the health service is read
 * only when /metrics is scraped.
 */
export default fp(async (fastify) => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  const httpDuration = new Histogram({
    name: 'podplay_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry]
  })
  fastify.addHook('onResponse', (request, reply, done) => {
    const { config, url } = request.routeOptions
    // The route pattern, never the raw URL: ids in paths would explode the label set.
    if (!config.probe) httpDuration.observe({ route: url ?? 'unmatched', method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    done()
  })

  const metrics: Metrics = {
    registry,
    socketEvents: new Counter({ name: 'podplay_socket_events_total', help: 'Socket.IO events by name and direction', labelNames: ['event', 'direction'], registers: [registry] }),
    chatGenerationSeconds: new Histogram({
      name: 'podplay_chat_generation_seconds',
      help: 'Time to generate one assistant answer, by provider and outcome',
      labelNames: ['provider', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry]
    }),
    chatTokens: new Counter({ name: 'podplay_chat_tokens_total', help: 'Tokens used by the assistant, by provider and kind', labelNames: ['provider', 'kind'], registers: [registry] })
  }
  fastify.decorate('metrics', metrics)

  fastify.mamaBear.events.on('response', ({ reply, duration_ms: durationMs }) => {
    const outcome = reply.stopped ? 'stopped' : reply.error ? 'error' : 'ok'
    metrics.chatGenerationSeconds.observe({ provider: reply.provider, outcome }, durationMs / 1000)
    for (const [kind, tokens] of [['input', reply.usage.input_tokens], ['output', reply.usage.output_tokens]] as const) {
      if (tokens) metrics.chatTokens.inc({ provider: reply.provider, kind }, tokens)
    }
  })

  // Gateway calls by server, tool and outcome; the open sessions are a service count (below).
  const gatewayCalls = new Counter({ name: 'podplay_gateway_calls_total', help: 'Calls through the MCP gateway by server, tool (or method) and outcome', labelNames: ['server', 'tool', 'outcome'], registers: [registry] })
  const gatewayCallSeconds = new Histogram({
    name: 'podplay_gateway_call_duration_seconds',
    help: 'Duration of calls through the MCP gateway, by server and outcome',
    labelNames: ['server', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry]
  })
  fastify.mcpGateway.events.on('call', (call) => {
    gatewayCalls.inc({ server: call.server, tool: call.name ?? call.method, outcome: call.outcome })
    gatewayCallSeconds.observe({ server: call.server, outcome: call.outcome }, call.duration_ms / 1000)
  })

  // Every service count (terminals, workspaces, MCP servers, sockets…) becomes a gauge, read on scrape.
  fastify.addHook('onReady', async () => {
    for (const name of fastify.health.gaugeNames) {
      new Gauge({ // eslint-disable-line no-new -- registered with the registry, which owns it
        name: `podplay_${name}`,
        help: `${name.replaceAll('_', ' ')}, as reported by its service`,
        registers: [registry],
        collect () { this.set(fastify.health.gauge(name)) }
      })
    }
  })
}, { name: 'metrics', dependencies: ['health', 'mama-bear', 'mcp-gateway'] })
