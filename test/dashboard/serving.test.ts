import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import t from 'tap'
import { build, tempDir } from '../helper.js'

/** A built page as Vite lays it out: index.html with the nonce placeholder, hashed assets, a public file. */
function fixturePage (t: Parameters<typeof tempDir>[0]): string {
  const root = tempDir(t, 'podplay-page-')
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><meta property="csp-nonce" nonce="__PODPLAY_STYLE_NONCE__"><script type="module" src="/assets/index-abc123.js"></script>')
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("page")')
  writeFileSync(join(root, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log("page")'))
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return root
}

t.test('the page, its assets and its headers', async (t) => {
  const { app } = await build(t, {}, { dashboard: { root: fixturePage(t) } })

  const page = await app.inject({ url: '/' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.equal(page.headers['cache-control'], 'no-cache', 'index.html is never cached')
  const csp = String(page.headers['content-security-policy'])
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
  t.ok(nonce, 'the style nonce is in the policy')
  t.match(page.body, `nonce="${nonce}"`, 'and in the page')
  t.notMatch(page.body, '__PODPLAY_STYLE_NONCE__')
  for (const directive of ["default-src 'self'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
    t.ok(csp.includes(directive), `CSP has ${directive}`)
  }
  t.notMatch(csp, /unsafe-inline|unsafe-eval|https?:/, 'no inline scripts or styles, no other origins')
  t.equal(page.headers['x-content-type-options'], 'nosniff')
  t.equal(page.headers['referrer-policy'], 'no-referrer')
  t.equal(page.headers['x-frame-options'], 'DENY')
  t.notOk(page.headers['strict-transport-security'], 'no HSTS on a plain-HTTP service')

  const again = await app.inject({ url: '/' })
  t.not(/'nonce-([^']+)'/.exec(String(again.headers['content-security-policy']))?.[1], nonce, 'a new nonce for every response')

  for (const url of ['/marketplace', '/marketplace/io.github.podplay%2Ffixture-echo', '/servers/memory', '/chat/abc', '/briefing/2026-01-01',
    '/workspaces/w1', '/terminals/t1', '/control', '/sign-in']) {
    const route = await app.inject({ url })
    t.equal(route.statusCode, 200, `${url} is the page`)
    t.match(route.body, 'csp-nonce', `${url} answers index.html`)
  }
  t.equal((await app.inject({ method: 'HEAD', url: '/control' })).statusCode, 200, 'HEAD too')

  const asset = await app.inject({ url: '/assets/index-abc123.js' })
  t.equal(asset.statusCode, 200)
  t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed assets are cached for good')
  t.match(asset.headers['content-type'], /javascript/)
  t.ok(asset.headers['content-security-policy'], 'assets carry the policy too')
  const compressed = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(compressed.headers['content-encoding'], 'br', 'the pre-compressed copy is served')

  const favicon = await app.inject({ url: '/favicon.svg' })
  t.equal(favicon.statusCode, 200)
  t.equal(favicon.headers['cache-control'], 'no-cache', 'files without a hash are revalidated')

  for (const url of ['/index.html', '/assets/missing-000.js', '/assets/index-abc123.js.br', '/nowhere']) {
    const missing = await app.inject({ url })
    t.equal(missing.statusCode, 404, `${url} is not found`)
    t.equal(missing.json().code, 'ROUTE_NOT_FOUND')
  }
})

t.test('the API, sockets and documentation keep their paths and their own headers', async (t) => {
  const { app, auth } = await build(t, {}, { dashboard: { root: fixturePage(t) } })

  const notFound = await app.inject({ url: '/api/nowhere', headers: auth() })
  t.equal(notFound.statusCode, 404)
  t.equal(notFound.json().code, 'ROUTE_NOT_FOUND')
  t.notOk(notFound.headers['content-security-policy'], 'API responses are not the page\'s')
  t.equal((await app.inject({ url: '/api/auth/me' })).statusCode, 401, '/api still needs a token')
  t.equal((await app.inject({ url: '/health' })).json().status, 'healthy')
  t.ok((await app.inject({ url: '/openapi.json' })).json().paths['/api/auth/me'])
  t.ok((await app.inject({ url: '/asyncapi.json' })).json().asyncapi)
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.body, /swagger/i, 'Swagger UI still answers /docs')
  t.notMatch(String(docs.headers['content-security-policy'] ?? ''), /nonce-/, '/docs does not get the page\'s policy')
  t.notOk(app.swagger().paths?.['/'], 'the page routes are not part of the API document')
})

t.test('a service whose page is not built says so', async (t) => {
  const { app } = await build(t, {}, { dashboard: { root: tempDir(t, 'podplay-unbuilt-') } })
  const page = await app.inject({ url: '/' })
  t.equal(page.statusCode, 503)
  t.equal(page.json().code, 'DASHBOARD_NOT_BUILT')
  t.match(page.json().message, 'npm run build')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'the API works without it')
})
