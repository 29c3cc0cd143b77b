import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { join, sep } from 'node:path'
import fp from 'fastify-plugin'
import createError from '@fastify/error'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import { projectRoot } from './config.js'

/**
 * The page's client-side routes (web/src/routes.ts): each answers index.html and the page's router
 * takes over. Listed rather than caught with a wildcard, which would also catch the Socket.IO and
 * terminal upgrades that @fastify/websocket routes through Fastify, and every mistyped API path.
 */
export const pageSections = ['marketplace', 'servers', 'chat', 'briefing', 'workspaces', 'terminals', 'control'] as const
const pageRoutes = ['/', '/sign-in', ...pageSections.flatMap((section) => [`/${section}`, `/${section}/*`])]

/** In web/index.html; replaced by each response's own nonce. */
const NONCE_PLACEHOLDER = '__PODPLAY_STYLE_NONCE__'

const DashboardNotBuiltError = createError<[string]>(
  'DASHBOARD_NOT_BUILT',
  'The dashboard is not built (no %s): run `npm run build` and restart',
  503
)

export interface DashboardOptions {
  /** The built page; dist/web by default. */
  root?: string
}

/**
 * The dashboard at `/`: the Vite build of web/, with a strict Content-Security-Policy on every
 * response of its own (Swagger UI at /docs keeps its own). Hashed assets are cached for good,
 * index.html never. Encapsulated, so its headers and routes touch nothing else.
 */
export default fp<DashboardOptions>(async (fastify, options) => {
  const root = options.root ?? join(projectRoot, 'dist', 'web')
  const indexFile = join(root, 'index.html')
  const template = await readFile(indexFile, 'utf8').catch(() => undefined)

  if (template === undefined) {
    fastify.log.warn({ root }, 'the dashboard is not built; GET / answers 503 until `npm run build` has run')
    for (const url of pageRoutes) {
      fastify.get(url, { schema: { hide: true } }, async () => { throw new DashboardNotBuiltError(indexFile) })
    }
    return
  }

  // xterm.js writes its measurements into <style> elements; the page stamps them with this
  // response's nonce (web/src/style-nonce.ts), so no 'unsafe-inline' is needed for styles.
  const nonces = new WeakMap<ServerResponse, string>()
  const nonceOf = (response: ServerResponse) => {
    let nonce = nonces.get(response)
    if (nonce === undefined) {
      nonce = randomBytes(16).toString('base64')
      nonces.set(response, nonce)
    }
    return nonce
  }

  await fastify.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", (_request, response) => `'nonce-${nonceOf(response as ServerResponse)}'`],
        // Tool results may carry images and audio as base64 (MCP image and audio content).
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // 'self' covers ws:// and wss:// to the page's own host: Socket.IO and the terminal sockets.
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"]
      }
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // The service is plain HTTP on loopback by default; HSTS would pin browsers to HTTPS for the host.
    strictTransportSecurity: false
  })

  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file; index.html only through the page routes below, with its nonce.
    wildcard: false,
    index: false,
    globIgnore: ['index.html', '**/*.gz', '**/*.br'],
    preCompressed: true,
    decorateReply: false,
    cacheControl: false,
    setHeaders (response, path) {
      // Vite names what it builds into assets/ by content hash: a changed file is a new name.
      const hashed = path.includes(`${sep}assets${sep}`)
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
  })

  for (const url of pageRoutes) {
    fastify.get(url, { schema: { hide: true } }, async (_request, reply) => {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(template.replace(NONCE_PLACEHOLDER, nonceOf(reply.raw)))
    })
  }
}, { name: 'dashboard', encapsulate: true, dependencies: ['errors'] })
