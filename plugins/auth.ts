import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyRequest, onRequestHookHandler } from 'fastify'
import { TokenStore, hasScope, type Principal } from '../services/auth/tokens.js'
import { InvalidTokenError, MissingScopeError, MissingTokenError } from '../services/auth/errors.js'
import type { Scope } from '../schemas/auth.js'

/** Where a WebSocket client that cannot set headers may put its token: `?token=` or this subprotocol prefix. */
const TOKEN_SUBPROTOCOL = 'podplay.token.'

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenStore
    /** The principal for a presented token; throws 401 errors for none or a bad one. */
    authenticateToken: (token: string | undefined) => Promise<Principal>
    /** onRequest hook for /api: authenticates and checks the route's scope. */
    requireToken: onRequestHookHandler
  }
  interface FastifyRequest {
    principal: Principal | null
  }
  interface FastifyContextConfig {
    /** The scope a route needs; by default read for GET/HEAD and write for anything else. */
    scope?: Scope
  }
}

export interface AuthOptions {
  /** Told once about a newly generated admin token and its file (server.ts prints it; tests stay quiet). */
  onAdminTokenGenerated?: (generated: { token: string, file: string }) => void
}

function presentedToken (request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
  if (!request.ws) return undefined
  const query = request.query as { token?: unknown }
  if (typeof query.token === 'string') return query.token
  const protocols = request.headers['sec-websocket-protocol']?.split(',').map((p) => p.trim()) ?? []
  return protocols.find((p) => p.startsWith(TOKEN_SUBPROTOCOL))?.slice(TOKEN_SUBPROTOCOL.length)
}

export default fp<AuthOptions>(async (fastify, options) => {
  const tokens = new TokenStore(fastify.db, { cacheMs: fastify.config.tokenCacheMs })
  fastify.decorate('tokens', tokens)
  fastify.decorateRequest('principal', null)

  fastify.decorate('authenticateToken', async (token: string | undefined) => {
    if (!token) throw new MissingTokenError()
    const principal = await tokens.verify(token)
    if (!principal) throw new InvalidTokenError()
    return principal
  })

  /** Sets the request's principal; the error when the route needs a scope the token lacks. */
  function admit (request: FastifyRequest, principal: Principal): Error | undefined {
    request.principal = principal
    const method = request.method
    const needed = request.routeOptions.config.scope ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write')
    return hasScope(principal, needed) ? undefined : new MissingScopeError(needed)
  }

  // A callback hook that answers a recently verified token at once: it runs on every /api request,
  // and an async one would cost a promise (and the lookup a hash) each time.
  fastify.decorate('requireToken', function (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) {
    const token = presentedToken(request)
    const cached = token ? tokens.cached(token) : undefined
    if (cached) {
      done(admit(request, cached))
      return
    }
    fastify.authenticateToken(token).then((principal) => done(admit(request, principal)), done)
  } as onRequestHookHandler)

  const generated = await tokens.ensureAdminToken(fastify.config.adminToken)
  if (generated) {
    await mkdir(fastify.config.dataDir, { recursive: true })
    const file = join(fastify.config.dataDir, 'admin-token')
    await writeFile(file, `${generated}\n`, { mode: 0o600 })
    await chmod(file, 0o600)
    options.onAdminTokenGenerated?.({ token: generated, file })
  }
}, { name: 'auth', dependencies: ['config', 'db'] })
