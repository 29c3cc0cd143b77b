import t from 'tap'
import { ConversationQueries } from '../../services/mama-bear/queries.js'
import { encodeCursor } from '../../services/mama-bear/records.js'
import { loggedSqlite } from './logged-sqlite.js'

/**
 * The page of a user's conversations as SQLite plans it on the migrated schema: read in the order
 * it is shown (no sort of its own, so the page stops at its last row however many conversations
 * the user has, and a later page starts at its cursor), open answers counted from the index of
 * open answers.
 */
t.test('a page of conversations is read in index order, open answers from their own index', async (t) => {
  const { db, sqlite, statements } = await loggedSqlite(t)
  const queries = new ConversationQueries(db)
  const planOfPage = async (cursor?: string) => {
    statements.length = 0
    await queries.list('someone', { limit: 20, cursor })
    const page = statements.find((statement) => statement.sql.includes('order by'))
    if (!page) throw new Error('the page query was not run')
    return (sqlite.prepare(`explain query plan ${page.sql}`).all(...page.parameters) as Array<{ detail: string }>).map((step) => step.detail)
  }

  const first = await planOfPage()
  t.notOk(first.some((step) => step.includes('TEMP B-TREE')), `no sort of its own: ${first.join('; ')}`)
  t.ok(first.some((step) => step.includes('conversations_user_updated_id')), 'conversations by user, activity and id')
  t.ok(first.some((step) => step.includes('messages_open_by_conversation')), 'open answers from the index of open answers')

  const later = await planOfPage(encodeCursor(['2026-12-01T00:00:00.000Z', 'b1c2']))
  t.ok(later.some((step) => step.includes('(updated_at,id)<(?,?)')), `the page after a cursor starts at the cursor in the index: ${later.join('; ')}`)
  t.notOk(later.some((step) => step.includes('TEMP B-TREE')), 'and needs no sort either')
})
