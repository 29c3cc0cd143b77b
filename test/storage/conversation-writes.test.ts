import t from 'tap'
import { ConversationStore } from '../../services/mama-bear/store.js'
import { loggedSqlite } from './logged-sqlite.js'

const answerBy = { provider: 'embedded', model: 'mama-bear' }
const outcome = {
  content: 'Hello!',
  usage: { input_tokens: null, output_tokens: null, total_tokens: null },
  timings: { started_at: '2026-12-01T00:00:00.000Z', first_chunk_ms: 1, duration_ms: 2 },
  stopped: false,
  error: null
}

/** What a chat writes and reads, statement by statement, and in how many commits. */
t.test('an answer costs the statements and commits it needs, and no more', async (t) => {
  const { db, sqlite, statements } = await loggedSqlite(t)
  const store = new ConversationStore(db, { instanceId: 'this-instance', leaseMs: 30_000 })
  sqlite.prepare('insert into users (id, name, created_at) values (?, ?, ?)').run('someone', 'someone', '2026-12-01T00:00:00.000Z')
  const sqlOf = () => statements.splice(0).map((statement) => statement.sql.split(' ').slice(0, 3).join(' '))

  const exchange = await store.beginExchange('someone', undefined, 'hello', answerBy)
  t.same(sqlOf(), ['begin', 'insert into "conversations"', 'insert into "messages"', 'commit'], 'a new conversation begins at message 0 without asking for the last one')
  t.equal(exchange.seq, 1)

  const history = await store.history(exchange.conversationId, exchange.seq)
  t.same(history.map((message) => [message.role, message.content, message.toolCalls]), [['user', 'hello', []]])
  t.same(sqlOf(), ['select * from'], "the user's words alone have no tool calls to look up")

  const at = await store.finish(exchange.assistantMessageId, outcome)
  t.same(sqlOf(), ['begin', 'update "messages" set', 'update "conversations" set', 'commit'], 'the answer and its conversation\'s activity time in one commit')
  t.same(sqlite.prepare('select updated_at from conversations where id = ?').get(exchange.conversationId), { updated_at: at })

  const next = await store.beginExchange('someone', exchange.conversationId, 'and again', answerBy)
  t.equal(next.seq, 3, 'a conversation that goes on asks for its last message')
  t.ok(sqlOf().includes('select max("seq") as'))
  const longer = await store.history(exchange.conversationId, next.seq)
  t.same(longer.map((message) => message.role), ['user', 'assistant', 'user'])
  t.same(sqlOf(), ['select * from', 'select * from'], 'with an answer in it, its tool calls are looked up')
})
