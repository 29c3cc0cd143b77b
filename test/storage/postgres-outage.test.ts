import t from 'tap'
import { sql } from 'kysely'
import { openDatabase } from '../../plugins/db.js'
import { DatabaseUnavailableError } from '../../plugins/database-unavailable.js'
import { build, listen, once, socketClient } from '../helper.js'
import { postgresBin, startPostgres } from './postgres-server.js'

// .ci/run installs PostgreSQL; elsewhere the test needs Debian's postgresql package.
const bin = postgresBin()
const skip = bin ? false : 'PostgreSQL server binaries are not installed'

/** Asks until an answer matches, and says how long that took. */
async function until (ask: () => Promise<Response>, match: (response: Response) => boolean): Promise<{ response: Response, ms: number }> {
  const began = performance.now()
  for (;;) {
    const response = await ask()
    if (match(response)) return { response, ms: performance.now() - began }
    await response.arrayBuffer()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

t.test('PostgreSQL lost and back: 503 DATABASE_UNAVAILABLE with Retry-After meanwhile, the rest keeps working, recovery without a restart', { skip }, async (t) => {
  const postgres = await startPostgres(bin!)
  t.teardown(postgres.stop) // runs last: the app's own teardown (added below) closes its pool first
  // A token cache longer than the test: a token verified before the outage needs no database.
  const { app, adminToken, auth } = await build(t, { DATABASE_URL: postgres.url, PODPLAY_TOKEN_CACHE_MS: '600000' })
  const url = await listen(app)
  const get = (path: string, headers: Record<string, string> = auth()) => fetch(`${url}${path}`, { headers })
  const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) })

  t.equal((await get('/health/ready')).status, 200)
  t.equal((await get('/api/mcp/categories')).status, 200, 'the admin token is verified, and cached')
  const socket = socketClient(t, url, adminToken)
  await once(socket, 'connected')

  await postgres.halt()
  const lost = await until(() => get('/health/ready'), (response) => response.status === 503)
  t.ok(lost.ms < 5000, `readiness reports it within ${Math.round(lost.ms)} ms`)
  const readiness = await lost.response.json() as { failing: string[], services: Record<string, { detail: string }> }
  t.ok(readiness.failing.includes('database'), 'and names the database')
  t.match(readiness.services.database, { status: 'down', detail: /^The database is unavailable \(/ })
  t.notMatch(readiness.services.database.detail, /127\.0\.0\.1|podplay@/, 'without its address')

  const needingIt = [
    () => get('/api/auth/tokens'),
    () => post('/api/auth/tokens', { user: 'bob', scopes: ['read'] }),
    () => get('/api/mcp/servers?query=database'),
    () => get('/api/mcp/installed'),
    () => post('/api/chat', { message: 'Hello Mama Bear' }),
    () => get('/api/auth/me', { authorization: 'Bearer pps_a-token-never-seen-before' })
  ]
  for (const request of needingIt) {
    const began = performance.now()
    const response = await request()
    const body: unknown = await response.json()
    t.equal(response.status, 503, new URL(response.url).pathname)
    t.match(body, { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: /database is unavailable/, request_id: String })
    t.equal(response.headers.get('retry-after'), '5')
    t.ok(performance.now() - began < 10_000, 'answered at once, not after a hang')
  }

  t.equal((await get('/health')).status, 200, '/health needs no database')
  t.equal((await get('/health/live')).status, 200)
  t.equal((await get('/api/mcp/categories')).status, 200, 'nor do the catalog categories, for a token verified before')
  socket.emit('test_event', { still: 'here' })
  t.match(await once(socket, 'test_response'), { status: 'success', data: { still: 'here' } }, 'a connected socket keeps working')

  await postgres.resume()
  const back = await until(() => get('/health/ready'), (response) => response.status === 200)
  t.ok(back.ms < 10_000, `ready again ${Math.round(back.ms)} ms after the database came back`)
  t.equal((await get('/api/auth/tokens')).status, 200)
  t.equal((await post('/api/auth/tokens', { user: 'bob', scopes: ['read'] })).status, 201)
  const chat = await post('/api/chat', { message: 'Hello Mama Bear' })
  t.equal(chat.status, 200, 'everything works again, without a restart')
})

t.test('a query whose connection is cut is unavailable; a query that is wrong stays its own error', { skip }, async (t) => {
  const postgres = await startPostgres(bin!)
  t.teardown(postgres.stop)
  const { db } = await openDatabase({ kind: 'postgres', url: postgres.url })
  t.teardown(() => db.destroy())

  await db.insertInto('users').values({ id: 'u1', name: 'ann', created_at: new Date().toISOString() }).execute()
  const duplicate = await db.insertInto('users').values({ id: 'u1', name: 'ann', created_at: new Date().toISOString() }).execute().catch((error: unknown) => error)
  t.match(duplicate, { code: '23505' }, 'a constraint violation is passed on for the service to judge')
  t.notOk(duplicate instanceof DatabaseUnavailableError)

  // An operator (or a failover) ends the backend that is running a query.
  const running = db.connection().execute(async (connection) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection)
    const cut = sql`select pg_terminate_backend(${rows[0].pid})`.execute(db)
    const slow = sql`select pg_sleep(30)`.execute(connection).catch((error: unknown) => error)
    await cut
    return await slow
  })
  const lost = await running
  t.ok(lost instanceof DatabaseUnavailableError, String(lost))
  t.match(lost, { statusCode: 503, message: /^The database is unavailable \(57P01 terminating connection due to administrator command\)/ })
  t.same((await sql<{ one: number }>`select 1 as one`.execute(db)).rows, [{ one: 1 }], 'the pool carries on with a new connection')
})
