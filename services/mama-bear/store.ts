import { randomUUID } from 'node:crypto'
import type { Db } from '../../plugins/db.js'
import type { ChatError, ChatTimings, ChatUsage, Conversation } from '../../schemas/chat.js'
import type { TurnToolCall } from './providers/types.js'
import { ConversationNotFoundError } from './errors.js'
import { toMessage, type MessageRow, type ToolCallRow } from './records.js'

const TITLE_LENGTH = 80
/** How many earlier messages an answer sees: enough context, bounded cost. */
export const HISTORY_LIMIT = 40

export interface Exchange {
  conversationId: string
  userMessageId: string
  assistantMessageId: string
  seq: number
}

export interface Outcome {
  content: string
  usage: ChatUsage
  timings: ChatTimings
  stopped: boolean
  error: ChatError | null
}

export interface StoredMessage extends MessageRow {
  toolCalls: ToolCallRow[]
}

function now (): string {
  return new Date().toISOString()
}

function titleFrom (message: string): string {
  const line = message.trim().replace(/\s+/g, ' ')
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line
}

/** Which instance writes the answers begun here, and how long its claim on an open one holds. */
export interface AnswerWriter {
  instanceId: string
  leaseMs: number
}

const INTERRUPTED = JSON.stringify({ code: 'MAMA_BEAR_INTERRUPTED', message: 'The server stopped before this answer was finished', provider: 'unknown' })

/** Conversations as stored: every read and write is scoped to the user who owns them. */
export class ConversationStore {
  constructor (private readonly db: Db, private readonly writer: AnswerWriter) {}

  private leaseEnd (): string {
    return new Date(Date.now() + this.writer.leaseMs).toISOString()
  }

  /** The conversation row, or 404 when it does not exist or belongs to someone else. */
  async owned (userId: string, conversationId: string) {
    const row = await this.db.selectFrom('conversations').selectAll()
      .where('id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst()
    if (!row) throw new ConversationNotFoundError(conversationId)
    return row
  }

  /**
   * Stores the user's message and the assistant's answer-to-be in one transaction, creating the
   * conversation when none is given. The answer stays open (completed_at null) until `finish`.
   */
  async beginExchange (userId: string, conversationId: string | undefined, message: string, answerBy: { provider: string, model: string }): Promise<Exchange> {
    return await this.db.transaction().execute(async (trx) => {
      const at = now()
      let id = conversationId
      // A new conversation has no messages yet: the user's is number 0.
      let seq = 0
      if (id === undefined) {
        id = randomUUID()
        await trx.insertInto('conversations').values({ id, user_id: userId, title: titleFrom(message), created_at: at, updated_at: at }).execute()
      } else {
        const updated = await trx.updateTable('conversations').set({ updated_at: at })
          .where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
        if (updated.numUpdatedRows === 0n) throw new ConversationNotFoundError(id)
        const last = await trx.selectFrom('messages').select((eb) => eb.fn.max('seq').as('seq'))
          .where('conversation_id', '=', id).executeTakeFirst()
        seq = Number(last?.seq ?? -1) + 1
      }
      const base = { conversation_id: id, user_id: userId, usage: null, timings: null, stopped: 0, error: null, created_at: at }
      const userMessageId = randomUUID()
      const assistantMessageId = randomUUID()
      await trx.insertInto('messages').values([
        { ...base, id: userMessageId, seq, role: 'user', content: message, provider: null, model: null, completed_at: at, generated_by: null, lease_until: null },
        {
          ...base,
          id: assistantMessageId,
          seq: seq + 1,
          role: 'assistant',
          content: '',
          provider: answerBy.provider,
          model: answerBy.model,
          completed_at: null,
          generated_by: this.writer.instanceId,
          lease_until: this.leaseEnd()
        }
      ]).execute()
      return { conversationId: id, userMessageId, assistantMessageId, seq: seq + 1 }
    })
  }

  /** The messages before `beforeSeq` (the newest HISTORY_LIMIT), oldest first, with their tool calls. */
  async history (conversationId: string, beforeSeq: number): Promise<StoredMessage[]> {
    const rows = await this.db.selectFrom('messages').selectAll()
      .where('conversation_id', '=', conversationId).where('seq', '<', beforeSeq)
      .orderBy('seq', 'desc').limit(HISTORY_LIMIT).execute()
    rows.reverse()
    // Only answers make tool calls: a history of the user's words alone has none to look up.
    const calls = await this.toolCallsOf(rows.filter((row) => row.role === 'assistant').map((row) => row.id))
    return rows.map((row) => ({ ...row, toolCalls: calls.get(row.id) ?? [] }))
  }

  async recordToolCall (messageId: string, step: number, position: number, call: TurnToolCall): Promise<ToolCallRow> {
    const row: ToolCallRow = {
      id: randomUUID(),
      message_id: messageId,
      step,
      position,
      call_id: call.id,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      result: null,
      is_error: 0,
      created_at: now(),
      completed_at: null
    }
    await this.db.insertInto('tool_calls').values(row).execute()
    return row
  }

  async recordToolResult (row: ToolCallRow, result: { content: string, is_error: boolean }): Promise<ToolCallRow> {
    const done = { ...row, result: result.content, is_error: result.is_error ? 1 : 0, completed_at: now() }
    await this.db.updateTable('tool_calls').set({ result: done.result, is_error: done.is_error, completed_at: done.completed_at })
      .where('id', '=', row.id).execute()
    return done
  }

  /**
   * Closes an open answer exactly once: complete, stopped or failed. The answer and its
   * conversation's activity time are one commit, so neither is ever seen without the other.
   */
  async finish (messageId: string, outcome: Outcome): Promise<string> {
    const at = now()
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.updateTable('messages')
        .set({
          content: outcome.content,
          usage: JSON.stringify(outcome.usage),
          timings: JSON.stringify(outcome.timings),
          stopped: outcome.stopped ? 1 : 0,
          error: outcome.error ? JSON.stringify(outcome.error) : null,
          completed_at: at
        })
        .where('id', '=', messageId).where('completed_at', 'is', null)
        .returning('conversation_id').executeTakeFirst()
      if (row) await trx.updateTable('conversations').set({ updated_at: at }).where('id', '=', row.conversation_id).execute()
    })
    return at
  }

  /** Extends this instance's claim on the answers it is writing; returns how many are open. */
  async renewLeases (): Promise<number> {
    const result = await this.db.updateTable('messages').set({ lease_until: this.leaseEnd() })
      .where('generated_by', '=', this.writer.instanceId).where('completed_at', 'is', null).executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /**
   * Answers left open by a process that died mid-generation are marked failed, so no half-written
   * answer ever looks complete: those whose writer stopped renewing its claim, and, at start-up
   * (`includingOwn`), this instance's own from its previous process. Another live instance's
   * answers are left to it.
   */
  async closeInterrupted ({ includingOwn }: { includingOwn: boolean }): Promise<number> {
    const at = now()
    const result = await this.db.updateTable('messages')
      .set({ error: INTERRUPTED, completed_at: at })
      .where('completed_at', 'is', null)
      .where((eb) => eb.or([
        eb('lease_until', 'is', null),
        eb('lease_until', '<', at),
        ...(includingOwn ? [eb('generated_by', '=', this.writer.instanceId)] : [])
      ]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  async get (userId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.owned(userId, conversationId)
    const rows = await this.db.selectFrom('messages').selectAll()
      .where('conversation_id', '=', conversationId).orderBy('seq').execute()
    const calls = await this.toolCallsOf(rows.map((row) => row.id))
    return {
      id: conversation.id,
      title: conversation.title,
      message_count: rows.length,
      generating: rows.some((row) => row.completed_at === null),
      created_at: conversation.created_at,
      updated_at: conversation.updated_at,
      messages: rows.map((row) => toMessage(row, calls.get(row.id) ?? []))
    }
  }

  async delete (userId: string, conversationId: string): Promise<void> {
    const result = await this.db.deleteFrom('conversations')
      .where('id', '=', conversationId).where('user_id', '=', userId).executeTakeFirst()
    if (result.numDeletedRows === 0n) throw new ConversationNotFoundError(conversationId)
  }

  private async toolCallsOf (messageIds: string[]): Promise<Map<string, ToolCallRow[]>> {
    const byMessage = new Map<string, ToolCallRow[]>()
    if (messageIds.length === 0) return byMessage
    const rows = await this.db.selectFrom('tool_calls').selectAll()
      .where('message_id', 'in', messageIds).orderBy('step').orderBy('position').execute()
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? []
      list.push(row)
      byMessage.set(row.message_id, list)
    }
    return byMessage
  }
}
