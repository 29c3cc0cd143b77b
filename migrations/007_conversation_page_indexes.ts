import { sql, type Kysely } from 'kysely'

/**
 * Indexes for the page of a user's conversations (newest activity first, then id; each with its
 * message count and whether an answer is still open). With `id` in the index the page is read in
 * order and stops at its last row, instead of sorting the rows of each `updated_at` again; the open
 * answers of a conversation are counted from a partial index that holds only open answers, instead
 * of reading every message of the conversation.
 */
export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('conversations_user_updated_id').on('conversations').columns(['user_id', 'updated_at', 'id']).execute()
  await db.schema.dropIndex('conversations_user_updated').execute()
  await db.schema.createIndex('messages_open_by_conversation').on('messages').column('conversation_id')
    .where(sql.ref('completed_at'), 'is', null).execute()
}

export async function down (db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_open_by_conversation').execute()
  await db.schema.createIndex('conversations_user_updated').on('conversations').columns(['user_id', 'updated_at']).execute()
  await db.schema.dropIndex('conversations_user_updated_id').execute()
}
