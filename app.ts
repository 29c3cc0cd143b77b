import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify, { type FastifyServerOptions } from 'fastify'
import autoload from '@fastify/autoload'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import configPlugin, { type Config } from './plugins/config.js'
import tickEntryShapePlugin from './plugins/tick-entry-shape.js'
import originPolicyPlugin from './plugins/origin-policy.js'
import corsPlugin from './plugins/cors.js'
import connectionDrainPlugin from './plugins/connection-drain.js'
import websocketPlugin from './plugins/websocket.js'
import errorsPlugin from './plugins/errors.js'
import compressionPlugin from './plugins/compression.js'
import conditionalGetPlugin from './plugins/conditional-get.js'
import sharedSchemasPlugin from './plugins/shared-schemas.js'
import rateLimitPlugin from './plugins/rate-limit.js'
import underPressurePlugin from './plugins/under-pressure.js'
import swaggerPlugin from './plugins/swagger.js'
import asyncapiPlugin from './plugins/asyncapi.js'
import dbPlugin from './plugins/db.js'
import instancePlugin from './plugins/instance.js'
import authPlugin, { type AuthOptions } from './plugins/auth.js'
import socketPlugin from './plugins/socket.js'
import { RequestLog } from './plugins/request-log.js'
import { buildResponseSerializers } from './plugins/response-serializers.js'
import { lazyChildLogger } from './plugins/lazy-logger.js'
import metricsPlugin from './plugins/metrics.js'
import dashboardPlugin, { type DashboardOptions } from './plugins/dashboard.js'
import healthService from './services/health/index.js'
import controlService from './services/control/index.js'
import marketplaceService from './services/marketplace/index.js'
import mcpRuntimeService from './services/mcp-runtime/index.js'
import mamaBearService from './services/mama-bear/index.js'
import briefingService from './services/briefing/index.js'
import workspacesService from './services/workspaces/index.js'
import discoveryService from './services/discovery/index.js'
import terminalsService from './services/terminals/index.js'
import devEnvironmentService from './services/dev-environment/index.js'
import mcpGatewayService from './services/mcp-gateway/index.js'

export interface BuildOptions {
  config: Config
  /** Pino options; tests pass `false` or a quiet level. */
  logger?: FastifyServerOptions['logger']
  /** Told once when an admin token is generated (server.ts prints it). */
  onAdminTokenGenerated?: AuthOptions['onAdminTokenGenerated']
  /** Where the built dashboard is; tests point it elsewhere. */
  dashboard?: DashboardOptions
}

/** Pino options shared by the server and the CLI: tokens and secrets are never written. */
export function loggerOptions (level: string) {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["sec-websocket-protocol"]', '*.token', '*.apiKey', '*.api_key', '*.secret', '*.password', 'token'],
      censor: '[redacted]'
    }
  }
}

/** Builds the app in start-up order: plugins → services → socket → routes → dashboard. */
export async function buildApp (options: BuildOptions) {
  const { config } = options
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimit,
    requestTimeout: config.requestTimeoutMs,
    // A quiet socket is closed only after the longest legitimate wait for an answer (a tool call or
    // an AI request), so a slow-but-valid call gets its result or its 504 rather than a dropped line.
    connectionTimeout: Math.max(config.requestTimeoutMs, config.mcp.callTimeoutMs, config.ai.timeoutMs) + 10_000,
    keepAliveTimeout: 72_000,
    // Requests that arrive while the service drains are served, with `Connection: close`
    // (plugins/connection-drain.ts), instead of Fastify's bare 503.
    return503OnClosing: false,
    genReqId: () => randomUUID(),
    logController: new RequestLog(),
    childLoggerFactory: lazyChildLogger,
    // Registry server names (io.github.owner/name, URL-encoded) can exceed the default 100 characters.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    schemaController: { compilersFactory: { buildSerializer: buildResponseSerializers } },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, verbose: true } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  // A callback hook: it runs on every request, and an async one costs a promise each time.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })

  // Infrastructure
  await app.register(configPlugin, { config })
  await app.register(tickEntryShapePlugin)
  await app.register(websocketPlugin)
  await app.register(originPolicyPlugin)
  await app.register(corsPlugin)
  await app.register(connectionDrainPlugin)
  await app.register(errorsPlugin)
  await app.register(compressionPlugin)
  await app.register(conditionalGetPlugin)
  await app.register(sharedSchemasPlugin)
  await app.register(rateLimitPlugin)
  await app.register(underPressurePlugin)
  await app.register(swaggerPlugin)
  await app.register(asyncapiPlugin)
  await app.register(dbPlugin)
  await app.register(instancePlugin)
  await app.register(authPlugin, { onAdminTokenGenerated: options.onAdminTokenGenerated })

  // Services
  await app.register(healthService)
  await app.register(controlService)
  await app.register(marketplaceService)
  await app.register(mcpRuntimeService)
  await app.register(mamaBearService)
  await app.register(workspacesService)
  await app.register(discoveryService)
  await app.register(briefingService)
  await app.register(terminalsService)
  await app.register(devEnvironmentService)
  await app.register(mcpGatewayService)

  // Metrics, once every service has registered its counts; then realtime and HTTP routes
  await app.register(metricsPlugin)
  await app.register(socketPlugin)
  await app.register(autoload, {
    // Beside this file: routes/ when run as TypeScript, dist/routes/ when compiled.
    dir: join(dirname(fileURLToPath(import.meta.url)), 'routes'),
    autoHooks: true,
    cascadeHooks: true
  })
  // The web page at `/`, last: it only adds its own routes beside the API's.
  await app.register(dashboardPlugin, options.dashboard ?? {})

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
