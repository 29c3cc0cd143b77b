import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildMarket, buildWithCatalog, entry } from './fixtures.js'

t.test('catalog reads carry an ETag; If-None-Match with it answers 304 without a body', async (t) => {
  const { app, auth } = await buildMarket(t)
  for (const url of ['/api/mcp/servers/github', '/api/mcp/servers?query=database&limit=5', '/api/mcp/categories']) {
    const first = await app.inject({ method: 'GET', url, headers: auth() })
    t.equal(first.statusCode, 200, url)
    const etag = first.headers.etag as string
    t.match(etag, /^W\/"[A-Za-z0-9_-]+"$/, `${url}: a weak ETag`)
    const again = await app.inject({ method: 'GET', url, headers: { ...auth(), 'if-none-match': etag } })
    t.equal(again.statusCode, 304, `${url}: unchanged`)
    t.equal(again.body, '', `${url}: no body`)
    // A length on a 304 would announce bytes that never come: a keep-alive client then waits.
    t.notOk(again.headers['content-length'], `${url}: and no length announced for one`)
    t.equal(again.headers.etag, etag)
    const listed = await app.inject({ method: 'GET', url, headers: { ...auth(), 'if-none-match': `"other", ${etag.slice(2)}` } })
    t.equal(listed.statusCode, 304, `${url}: one of a list, compared weakly`)
    const star = await app.inject({ method: 'GET', url, headers: { ...auth(), 'if-none-match': '*' } })
    t.equal(star.statusCode, 304, `${url}: any`)
    const stale = await app.inject({ method: 'GET', url, headers: { ...auth(), 'if-none-match': 'W/"stale"' } })
    t.equal(stale.statusCode, 200, `${url}: another tag gets the answer`)
    t.same(stale.json(), first.json())
  }
  const unauthenticated = await app.inject({ method: 'GET', url: '/api/mcp/categories', headers: { 'if-none-match': '*' } })
  t.equal(unauthenticated.statusCode, 401, 'a validator is no way around the token')
})

t.test('the ETag changes with what the reader is shown: the entry, the user\'s install, the page', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('alpha', { tags: ['x'] }), entry('beta', { tags: ['x'] }), entry('gamma', { tags: ['x'] })])
  const etag = async (url: string, token?: string) => (await app.inject({ method: 'GET', url, headers: auth(token) })).headers.etag as string
  const user = await tokenFor(app, 'reader', ['read', 'write'])
  const server = await etag('/api/mcp/servers/alpha', user)
  const page = await etag('/api/mcp/servers?tag=x&limit=2', user)
  t.equal(await etag('/api/mcp/servers/alpha', user), server, 'stable while nothing changes')
  t.not(await etag('/api/mcp/servers?tag=x&limit=1', user), page, 'another page, another tag')
  t.not(await etag('/api/mcp/servers/beta', user), server, 'another server, another tag')

  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/servers/alpha/install', headers: auth(user), payload: {} })).statusCode, 201)
  t.not(await etag('/api/mcp/servers/alpha', user), server, 'installed: the server shows installed: true')
  const installedPage = await etag('/api/mcp/servers?tag=x&limit=2', user)
  t.not(installedPage, page, 'and so does the page')
  t.equal(await etag('/api/mcp/servers/alpha'), server, 'another user, who has not installed it, keeps the old one')

  const categories = await etag('/api/mcp/categories')
  const imported = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: auth(), payload: { version: '1', last_updated: '2025-01-01', description: 'more', servers: [entry('alpha', { description: 'changed', tags: ['x'] }), entry('delta', { category: 'database' })] } })
  t.equal(imported.statusCode, 200)
  t.not(await etag('/api/mcp/servers/alpha'), server, 'a changed entry, a new tag')
  t.not(await etag('/api/mcp/categories'), categories, 'new counts, a new tag')
  const changedPage = await app.inject({ method: 'GET', url: '/api/mcp/servers?tag=x&limit=2', headers: auth(user) })
  t.not(changedPage.headers.etag, installedPage, 'a page showing the changed entry, a new tag (the reader\'s installs are as they were)')
  t.equal(changedPage.json().items.find((item: { name: string }) => item.name === 'alpha')?.description, 'changed', 'and the changed entry in it')
})

t.test('answers over 1 KB are compressed with br or gzip when asked; small ones are not', async (t) => {
  const { app, auth } = await buildMarket(t)
  const url = '/api/mcp/servers?query=database&limit=20'
  const plain = await app.inject({ method: 'GET', url, headers: auth() })
  t.notOk(plain.headers['content-encoding'], 'not asked, not compressed')
  t.ok(plain.rawPayload.length > 1024)
  for (const [encoding, decode] of [['gzip', gunzipSync], ['br', brotliDecompressSync]] as const) {
    const compressed = await app.inject({ method: 'GET', url, headers: { ...auth(), 'accept-encoding': encoding } })
    t.equal(compressed.headers['content-encoding'], encoding)
    t.match(compressed.headers.vary, /accept-encoding/i)
    t.ok(compressed.rawPayload.length < plain.rawPayload.length / 2, `${encoding}: smaller`)
    t.same(JSON.parse(decode(compressed.rawPayload).toString()), plain.json(), `${encoding}: the same answer`)
    t.equal(compressed.headers.etag, plain.headers.etag, `${encoding}: the same (weak) ETag`)
  }
  const preferred = await app.inject({ method: 'GET', url, headers: { ...auth(), 'accept-encoding': 'gzip, deflate, br' } })
  t.equal(preferred.headers['content-encoding'], 'br', 'br when both are accepted')
  const small = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...auth(), 'accept-encoding': 'gzip' } })
  t.notOk(small.headers['content-encoding'], 'under 1 KB: as it is')
})

t.test('pages and servers are serialized once per entry, and read the same as the schema serializes them', async (t) => {
  const { app, auth } = await buildMarket(t)
  const userId = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })).json().user_id
  for (const query of ['query=database&limit=7', 'sort=name&limit=3', 'query=zzzzqqq']) {
    const answer = await app.inject({ method: 'GET', url: `/api/mcp/servers?${query}`, headers: auth() })
    t.match(answer.headers['content-type'], /^application\/json; charset=utf-8/)
    t.same(answer.json(), await app.marketplace.search(Object.fromEntries(new URLSearchParams(query)), userId), query)
    t.equal((await app.inject({ method: 'GET', url: `/api/mcp/servers?${query}`, headers: auth() })).body, answer.body, `${query}: the same bytes again`)
  }
  const first = await app.inject({ method: 'GET', url: '/api/mcp/servers?limit=2', headers: auth() })
  const next = await app.inject({ method: 'GET', url: `/api/mcp/servers?limit=2&cursor=${first.json().next_cursor}`, headers: auth() })
  t.not(next.json().items[0].name, first.json().items[0].name, 'the cursor is in the JSON')
  const server = await app.inject({ method: 'GET', url: '/api/mcp/servers/github', headers: auth() })
  t.same(server.json(), await app.marketplace.getServer('github', userId))
  t.notOk('recent_installs' in server.json(), 'only what the schema has')
})
