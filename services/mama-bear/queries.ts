import { sql } from 'kysely'
import type { Db } from '../../plugins/db.js'
import type { ConversationSummary, SearchHit } from '../../schemas/chat.js'
import { InvalidCursorError } from './errors.js'
import { decodeCursor, encodeCursor } from './records.js'

export interface PageRequest {
  limit: number
  cursor?: string
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
  total: number
}

const SNIPPET_CONTEXT = 60

function keyOf (cursor: string | undefined): [string, string] | null {
  if (cursor === undefined) return null
  const key = decodeCursor(cursor)
  if (!key) throw new InvalidCursorError()
  return key
}

/** `%text%` for LIKE, with LIKE's own wildcards in the text escaped (the query uses ESCAPE '\'). */
function containsPattern (text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}

function snippetAround (content: string, query: string): string {
  const at = content.toLowerCase().indexOf(query.toLowerCase())
  const start = Math.max(0, at - SNIPPET_CONTEXT)
  const end = Math.min(content.length, Math.max(at, 0) + query.length + SNIPPET_CONTEXT)
  return `${start > 0 ? '…' : ''}${content.slice(start, end).replace(/\s+/g, ' ')}${end < content.length ? '…' : ''}`
}

/** Read-only views over a user's conversations: lists, search and recent topics. */
export class ConversationQueries {
  constructor (private readonly db: Db) {}

  /** Newest activity first. */
  async list (userId: string, page: PageRequest): Promise<Page<ConversationSummary>> {
    const key = keyOf(page.cursor)
    let query = this.db.selectFrom('conversations')
      .select(['id', 'title', 'created_at', 'updated_at'])
      .select((eb) => [
        eb.selectFrom('messages').select(eb.fn.countAll().as('n')).whereRef('messages.conversation_id', '=', 'conversations.id').as('message_count'),
        eb.selectFrom('messages').select(eb.fn.countAll().as('n')).whereRef('messages.conversation_id', '=', 'conversations.id')
          .where('messages.completed_at', 'is', null).as('open_count')
      ])
      .where('user_id', '=', userId)
    // A row-value comparison is one range of the index: the page after a cursor starts there
    // rather than reading every newer conversation first.
    if (key) query = query.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(key[0], key[1])))
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute()
    const total = await this.db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId).executeTakeFirstOrThrow()
    const shown = rows.slice(0, page.limit)
    const last = shown.at(-1)
    return {
      items: shown.map((row) => ({
        id: row.id,
        title: row.title,
        message_count: Number(row.message_count),
        generating: Number(row.open_count) > 0,
        created_at: row.created_at,
        updated_at: row.updated_at
      })),
      next_cursor: rows.length > page.limit && last ? encodeCursor([last.updated_at, last.id]) : null,
      total: Number(total.n)
    }
  }

  /** The user's messages containing `text` (case-insensitive), newest first. */
  async search (userId: string, text: string, page: PageRequest): Promise<Page<SearchHit>> {
    const key = keyOf(page.cursor)
    const matches = sql<boolean>`lower(${sql.ref('messages.content')}) like ${containsPattern(text)} escape '\\'`
    const base = this.db.selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .where('messages.user_id', '=', userId).where(matches)
    let query = base.select(['messages.id', 'messages.conversation_id', 'conversations.title', 'messages.role', 'messages.content', 'messages.created_at'])
    if (key) query = query.where((eb) => eb(eb.refTuple('messages.created_at', 'messages.id'), '<', eb.tuple(key[0], key[1])))
    const rows = await query.orderBy('messages.created_at', 'desc').orderBy('messages.id', 'desc').limit(page.limit + 1).execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const shown = rows.slice(0, page.limit)
    const last = shown.at(-1)
    return {
      items: shown.map((row) => ({
        conversation_id: row.conversation_id,
        conversation_title: row.title,
        message_id: row.id,
        role: row.role as SearchHit['role'],
        snippet: snippetAround(row.content, text),
        created_at: row.created_at
      })),
      next_cursor: rows.length > page.limit && last ? encodeCursor([last.created_at, last.id]) : null,
      total: Number(total.n)
    }
  }

  /** Conversations the user was active in since a moment, most recent first: the briefing's topics. */
  async activeSince (userId: string, since: string, limit: number): Promise<{ items: Array<{ conversation_id: string, title: string, updated_at: string }>, total: number }> {
    const base = this.db.selectFrom('conversations').where('user_id', '=', userId).where('updated_at', '>=', since)
    const rows = await base.select(['id', 'title', 'updated_at']).orderBy('updated_at', 'desc').limit(limit).execute()
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return {
      items: rows.map((row) => ({ conversation_id: row.id, title: row.title, updated_at: row.updated_at })),
      total: Number(total.n)
    }
  }
}
