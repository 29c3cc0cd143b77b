import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import t, { type Test } from 'tap'
import { openDatabase, type Db } from '../../plugins/db.js'
import { TokenStore } from '../../services/auth/tokens.js'
import { CallStore } from '../../services/mcp-gateway/calls.js'
import { ProfileStore } from '../../services/mcp-gateway/profiles.js'
import { tempDir } from '../helper.js'
import { postgresBin, startPostgres } from '../storage/postgres-server.js'

/** The gateway's profiles and call records on one database: saved, replaced, paged, filtered. */
async function exercise (t: Test, db: Db) {
  const alice = (await new TokenStore(db).ensureUser('alice')).id
  const bob = (await new TokenStore(db).ensureUser('bob')).id
  const profiles = new ProfileStore(db)
  t.equal((await profiles.save(alice, { name: 'a', servers: [{ name: 'x', tools: ['t'] }] })).created, true)
  const replaced = await profiles.save(alice, { name: 'a', servers: [], sanctuary_tools: ['system_status'], tools_mode: 'search' })
  t.match(replaced, { created: false, profile: { name: 'a', servers: [], sanctuary_tools: ['system_status'], tools_mode: 'search', description: null } })
  await profiles.save(bob, { name: 'a', servers: [] })
  t.equal((await profiles.page(alice, 10)).total, 1, 'names are per user')
  await profiles.remove(alice, 'a')
  await t.rejects(profiles.remove(alice, 'a'), { code: 'GATEWAY_PROFILE_NOT_FOUND' })

  const errors: Error[] = []
  const calls = new CallStore(db, (error) => errors.push(error))
  for (let index = 0; index < 5; index++) {
    calls.record({ user_id: index % 2 ? bob : alice, session_id: 's', profile: null, method: 'tools/call', server: 'x', name: `t${index}`, duration_ms: index + 0.5, outcome: index === 4 ? 'error' : 'ok', error_code: index === 4 ? 'MCP_CALL_FAILED' : null })
  }
  calls.record({ user_id: 'nobody', session_id: 's', profile: null, method: 'tools/call', server: 'x', name: 'lost', duration_ms: 1, outcome: 'ok', error_code: null })
  const all = await calls.page(undefined, { limit: 2 })
  t.equal(all.total, 5)
  t.equal(errors.length, 1, 'a record that cannot be written is reported, and the rest go on')
  const rest = await calls.page(undefined, { limit: 10, cursor: all.next_cursor! })
  t.same([...all.items, ...rest.items].map((call) => call.name), ['t4', 't3', 't2', 't1', 't0'], 'newest first, across pages')
  t.same((await calls.page(alice, { limit: 10, outcome: 'error' })).items.map((call) => [call.name, call.error_code, call.duration_ms]), [['t4', 'MCP_CALL_FAILED', 4.5]])
  await calls.close()
}

t.test('on SQLite', async (t) => {
  const { db } = await openDatabase({ kind: 'sqlite', file: join(tempDir(t), 'gateway.db') })
  t.teardown(() => db.destroy())
  await exercise(t, db)
})

/** Resolves once no other session is connected to the server. */
async function sessionsEnded (url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const others = "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
    while ((await client.query<{ n: number }>(others)).rows[0].n > 0) await delay(20)
  } finally {
    await client.end()
  }
}

const bin = postgresBin()
t.test('on PostgreSQL', { skip: bin ? false : 'PostgreSQL server binaries are not installed' }, async (t) => {
  const postgres = await startPostgres(bin!)
  try {
    const { db } = await openDatabase({ kind: 'postgres', url: postgres.url })
    try {
      await exercise(t, db)
    } finally {
      await db.destroy()
      await sessionsEnded(postgres.url) // pg's pool.end() returns before its sockets close; a fast stop would cut them
    }
  } finally {
    await postgres.stop()
  }
})
