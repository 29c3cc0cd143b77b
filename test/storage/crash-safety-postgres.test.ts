import t from 'tap'
import pg from 'pg'
import { crashAndRestart } from './crash-workload.js'
import { postgresBin, startPostgres } from './postgres-server.js'

t.test('PostgreSQL: the same, and every table and index passes amcheck', { skip: postgresBin() ? false : 'PostgreSQL server binaries are not installed' }, async (t) => {
  const postgres = await startPostgres(postgresBin()!)
  t.teardown(postgres.stop)
  await crashAndRestart(t, { DATABASE_URL: postgres.url })
  const client = new pg.Client({ connectionString: postgres.url })
  await client.connect()
  t.teardown(() => client.end())
  await client.query('create extension if not exists amcheck')
  const { rows: indexes } = await client.query(`select c.oid::regclass::text as name from pg_index i join pg_class c on c.oid = i.indexrelid
    join pg_am am on am.oid = c.relam join pg_namespace n on n.oid = c.relnamespace where am.amname = 'btree' and n.nspname = 'public'`)
  t.ok(indexes.length > 5)
  for (const { name } of indexes) await client.query('select bt_index_check($1::regclass, true)', [name])
  const { rows: tables } = await client.query('select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = \'r\' and n.nspname = \'public\'')
  for (const { name } of tables) {
    const { rows: problems } = await client.query('select * from verify_heapam($1::regclass)', [name])
    t.same(problems, [], `${name}: no corrupt tuple`)
  }
})
