import t from 'tap'
import { build } from '../helper.js'
import { openDatabase } from '../../plugins/db.js'
import { TokenStore } from '../../services/auth/tokens.js'
import { latestMigration } from '../../migrations/index.js'
import { postgresBin, startPostgres } from './postgres-server.js'

// .ci/run installs PostgreSQL; elsewhere the test needs Debian's postgresql package.
const bin = postgresBin()

t.test('the same migrations and queries run on PostgreSQL', { skip: bin ? false : 'PostgreSQL server binaries are not installed' }, async (t) => {
  const postgres = await startPostgres(bin!)
  t.teardown(postgres.stop) // runs last: the app's own teardown (added below) closes its pool first

  const { db, version } = await openDatabase({ kind: 'postgres', url: postgres.url })
  t.equal(version, latestMigration, 'every migration applied')
  const tokens = new TokenStore(db)
  const { token } = await tokens.create({ user: 'pg-user', scopes: ['read', 'write'] })
  t.match(await tokens.verify(token), { userName: 'pg-user', scopes: ['read', 'write'] })
  await db.destroy()

  const again = await openDatabase({ kind: 'postgres', url: postgres.url })
  t.equal(again.version, latestMigration, 'migrating twice is a no-op')
  await again.db.destroy()

  const { app, auth } = await build(t, { DATABASE_URL: postgres.url })
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 200, ready.payload)
  t.equal(ready.json().services.database.detail, 'postgres')
  const status = await app.inject({ method: 'GET', url: '/api/control/status', headers: auth() })
  t.ok(status.json().database?.size_bytes > 0, status.payload)
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  t.equal(me.statusCode, 200)

  // The conversation pages' row-value cursor, on PostgreSQL's planner.
  const started: string[] = []
  for (const message of ['one', 'two', 'three']) {
    const answered = await app.inject({ method: 'POST', url: '/api/chat', headers: auth(), payload: { message } })
    t.equal(answered.statusCode, 200, answered.payload)
    started.push(answered.json().conversation_id)
  }
  const first = (await app.inject({ method: 'GET', url: '/api/chat/conversations?limit=2', headers: auth() })).json()
  t.same(first.items.map((item: { id: string }) => item.id), [started[2], started[1]])
  const rest = (await app.inject({ method: 'GET', url: `/api/chat/conversations?limit=2&cursor=${first.next_cursor}`, headers: auth() })).json()
  t.same(rest.items.map((item: { id: string }) => item.id), [started[0]])
  t.equal(rest.next_cursor, null)
})
