import type { IncomingHttpHeaders } from 'node:http'
import fp from 'fastify-plugin'

export interface Refusal {
  statusCode: 403
  code: 'HOST_NOT_ALLOWED' | 'ORIGIN_NOT_ALLOWED'
  message: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Who may be addressed and from which pages: one policy for HTTP, Socket.IO, WebSockets and /mcp. */
    originPolicy: OriginPolicy
  }
}

/** `Host` without its port, lower case, without a trailing dot; IPv6 keeps its brackets. */
function hostName (host: string): string {
  const lower = host.toLowerCase()
  const end = lower.startsWith('[') ? lower.indexOf(']') + 1 : lower.indexOf(':')
  const name = end > 0 ? lower.slice(0, end) : lower
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** Remembered decisions per policy; the headers are the client's to choose, so the memory is bounded. */
const DECISIONS_KEPT = 1000

function remember (decisions: Map<string, boolean>, key: string, decide: () => boolean): boolean {
  let decision = decisions.get(key)
  if (decision === undefined) {
    decision = decide()
    if (decisions.size >= DECISIONS_KEPT) decisions.clear()
    decisions.set(key, decision)
  }
  return decision
}

/**
 * The origin and host policy, as Jupyter Server and the MCP specification have it. A `Host` outside
 * the allowed names is refused: a page on a rebinding domain reaches the service under that
 * domain's name, so this is what keeps it out. An `Origin` is the page's: one equal to the
 * request's own scheme and host is the service's own page; any other must be listed; none at all
 * is a client that is not a browser.
 */
export class OriginPolicy {
  private readonly exact = new Set<string>()
  private readonly suffixes: string[] = []
  private readonly anyHost: boolean
  private readonly origins: Set<string>
  /** Decisions already made, by Host and by Origin and Host: a client sends the same ones every time. */
  private readonly hostDecisions = new Map<string, boolean>()
  private readonly originDecisions = new Map<string, boolean>()

  constructor (options: { allowedHosts: string[] | '*', corsOrigins: string[] }) {
    this.anyHost = options.allowedHosts === '*'
    for (const name of this.anyHost ? [] : options.allowedHosts as string[]) {
      // `.example.com` allows example.com itself and every name under it.
      if (name.startsWith('.')) this.suffixes.push(name)
      this.exact.add(name.replace(/^\./, ''))
    }
    this.origins = new Set(options.corsOrigins)
  }

  hostAllowed (host: string | undefined): boolean {
    if (this.anyHost) return true
    if (!host) return false
    return remember(this.hostDecisions, host, () => {
      const name = hostName(host)
      return this.exact.has(name) || this.suffixes.some((suffix) => name.endsWith(suffix))
    })
  }

  /** No Origin, the request's own, or a listed one. */
  originAllowed (origin: string | undefined, host: string | undefined, secure: boolean): boolean {
    if (origin === undefined || this.origins.has(origin)) return true
    if (!host) return false
    return remember(this.originDecisions, `${secure ? 'https' : 'http'}\n${host}\n${origin}`, () => {
      try {
        return new URL(origin).origin === new URL(`${secure ? 'https' : 'http'}://${host}`).origin
      } catch {
        return false
      }
    })
  }

  /** Why a request must be refused, or null; the Host is judged first, before anything else. */
  refusal (headers: IncomingHttpHeaders, secure: boolean): Refusal | null {
    const { host, origin } = headers
    if (!this.hostAllowed(host)) {
      return {
        statusCode: 403,
        code: 'HOST_NOT_ALLOWED',
        message: `Host ${JSON.stringify(host ?? '')} is not allowed; add its name to PODPLAY_ALLOWED_HOSTS if this service should answer to it`
      }
    }
    if (!this.originAllowed(origin, host, secure)) {
      return {
        statusCode: 403,
        code: 'ORIGIN_NOT_ALLOWED',
        message: `Origin ${origin} is not allowed; add it to PODPLAY_CORS_ORIGINS if its pages should use this service`
      }
    }
    return null
  }
}

/**
 * Applies the policy to every request Fastify routes, before anything else runs (auth, rate limits,
 * CORS), upgrades included: only the websocket plugin's hook, which marks upgrades, comes first. Socket.IO's own requests never reach Fastify's hooks whole (engine.io
 * answers its polling requests itself), so plugins/socket.ts applies the same policy there.
 */
export default fp(async (fastify) => {
  const policy = new OriginPolicy(fastify.config)
  fastify.decorate('originPolicy', policy)
  // A callback hook: it runs on every request, and an async one costs a promise each time.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request
    // Most requests first: a client that is not a browser (no Origin) on an allowed Host.
    if ((headers.origin === undefined && policy.hostAllowed(headers.host)) || (request.ws && request.url.startsWith('/socket.io/'))) {
      done()
      return
    }
    const refusal = policy.refusal(headers, request.protocol === 'https')
    done(refusal ? Object.assign(new Error(refusal.message), refusal) : undefined)
  })
}, { name: 'origin-policy', dependencies: ['config', 'websocket'] })
