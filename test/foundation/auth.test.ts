import { statSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import t from 'tap'
import { build, tokenFor } from '../helper.js'
import { loggerOptions } from '../../app.js'
import { hashToken } from '../../services/auth/tokens.js'

t.test('everything under /api needs a valid bearer token', async (t) => {
  const { app, auth } = await build(t)
  const none = await app.inject({ method: 'GET', url: '/api/auth/me' })
  t.equal(none.statusCode, 401)
  t.equal(none.json().code, 'AUTH_REQUIRED')

  const wrong = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth('pps_not-a-real-token') })
  t.equal(wrong.statusCode, 401)
  t.equal(wrong.json().code, 'AUTH_INVALID')

  const malformed = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic abc' } })
  t.equal(malformed.statusCode, 401)

  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  t.equal(me.statusCode, 200)
  t.same(me.json().scopes, ['read', 'write', 'admin'])
  t.equal(me.json().user, 'admin')
})

t.test('admin creates, lists and revokes tokens; scopes are enforced', async (t) => {
  const { app, auth } = await build(t)
  const created = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: auth(), payload: { user: 'alice', scopes: ['read'], name: 'laptop' } })
  t.equal(created.statusCode, 201)
  const { token, info } = created.json()
  t.match(token, /^pps_[A-Za-z0-9_-]{43}$/)
  t.equal(info.user, 'alice')
  t.same(info.scopes, ['read'])

  const stored = await app.db.selectFrom('api_tokens').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow()
  t.equal(stored.token_hash, hashToken(token), 'only the hash is stored')
  t.notOk(JSON.stringify(stored).includes(token))

  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })
  t.equal(me.json().user, 'alice')

  const forbidden = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: auth(token) })
  t.equal(forbidden.statusCode, 403)
  t.equal(forbidden.json().code, 'AUTH_SCOPE')
  t.match(forbidden.json().message, /admin/)

  const list = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: auth() })
  t.equal(list.statusCode, 200)
  t.ok(list.json().tokens.some((entry: { id: string, last_used_at: string | null }) => entry.id === info.id && entry.last_used_at))
  t.notOk(list.payload.includes(token), 'tokens are never listed')

  const revoked = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${info.id}`, headers: auth() })
  t.equal(revoked.statusCode, 204)
  const again = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${info.id}`, headers: auth() })
  t.equal(again.statusCode, 404)
  t.equal(again.json().code, 'TOKEN_NOT_FOUND')
  const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })
  t.equal(after.statusCode, 401, 'a revoked token stops working at once')
})

t.test('a write needs the write scope', async (t) => {
  const { app, auth } = await build(t)
  const reader = await tokenFor(app, 'bob', ['read'])
  const response = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: auth(reader), payload: { user: 'x' } })
  t.equal(response.statusCode, 403)
})

t.test('token creation validates its body and names the field', async (t) => {
  const { app, auth } = await build(t)
  const response = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: auth(), payload: { user: 'alice', scopes: ['root'] } })
  t.equal(response.statusCode, 400)
  t.equal(response.json().code, 'FST_ERR_VALIDATION')
  t.equal(response.json().message, 'body/scopes/0 must be one of "read", "write", "admin"')
})

t.test('first start without a configured token generates one into a 0600 file, once', async (t) => {
  const announced: Array<{ token: string, file: string }> = []
  const { app, dataDir } = await build(t, { PODPLAY_ADMIN_TOKEN: '' }, { onAdminTokenGenerated: (generated) => announced.push(generated) })
  const file = join(dataDir, 'admin-token')
  const token = readFileSync(file, 'utf8').trim()
  t.equal(statSync(file).mode & 0o777, 0o600)
  t.same(announced, [{ token, file }], 'announced once, with the file')
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
  t.same(me.json().scopes, ['read', 'write', 'admin'])
  t.equal(await app.tokens.ensureAdminToken(), undefined, 'no second token while one is live')
})

t.test('tokens never appear in logs', async (t) => {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const { app, auth } = await build(t, {}, { logger: { ...loggerOptions('trace'), stream } })
  const created = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: auth(), payload: { user: 'carol' } })
  const { token } = created.json()
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth('pps_bogus-token-value') })
  const log = lines.join('')
  t.ok(log.length > 0)
  t.notOk(log.includes(token))
  t.notOk(log.includes('bogus-token-value'))
})

t.test('verified tokens are cached for PODPLAY_TOKEN_CACHE_MS; a revocation elsewhere ends within it', async (t) => {
  // Long enough that a busy machine cannot let it lapse between two consecutive requests.
  const { app } = await build(t, { PODPLAY_TOKEN_CACHE_MS: '2000' })
  const token = await tokenFor(app, 'carol', ['read'])
  const me = async () => (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode
  t.equal(await me(), 200)
  // What another instance sharing the database does when it revokes the token.
  await app.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('token_hash', '=', hashToken(token)).execute()
  t.equal(await me(), 200, 'still trusted from the cache')
  await new Promise((resolve) => setTimeout(resolve, 2100))
  t.equal(await me(), 401, 'looked up again once the cache time has passed')
})

t.test('PODPLAY_TOKEN_CACHE_MS=0 looks every request up', async (t) => {
  const { app } = await build(t, { PODPLAY_TOKEN_CACHE_MS: '0' })
  const token = await tokenFor(app, 'dave', ['read'])
  const headers = { authorization: `Bearer ${token}` }
  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode, 200)
  await app.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('token_hash', '=', hashToken(token)).execute()
  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode, 401)
})
