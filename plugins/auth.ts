import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
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
    requireToken: (request: FastifyRequest) => Promise<void>
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

  fastify.decorate('requireToken', async (request: FastifyRequest) => {
    request.principal = await fastify.authenticateToken(presentedToken(request))
    const method = request.method
    const needed = request.routeOptions.config.scope ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write')
    if (!hasScope(request.principal, needed)) throw new MissingScopeError(needed)
  })

  const generated = await tokens.ensureAdminToken(fastify.config.adminToken)
  if (generated) {
    await mkdir(fastify.config.dataDir, { recursive: true })
    const file = join(fastify.config.dataDir, 'admin-token')
    await writeFile(file, `${generated}\n`, { mode: 0o600 })
    await chmod(file, 0o600)
    options.onAdminTokenGenerated?.({ token: generated, file })
  }
}, { name: 'auth', dependencies: ['config', 'db'] })
