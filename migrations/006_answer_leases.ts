import { sql, type Kysely } from 'kysely'

/**
 * Who is writing an open answer, and until when that claim holds. With several instances on one
 * database, an instance that starts (or notices a dead one) closes only the answers whose writer
 * is itself or has stopped renewing its claim, never another live instance's.
 */
export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('generated_by', 'text').execute()
  await db.schema.alterTable('messages').addColumn('lease_until', 'text').execute()
  // Only open answers are looked up this way, and they are few: a partial index stays small.
  await db.schema.createIndex('messages_open_by_writer').on('messages').column('generated_by')
    .where(sql.ref('completed_at'), 'is', null).execute()
}

export async function down (db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_open_by_writer').execute()
  await db.schema.alterTable('messages').dropColumn('lease_until').execute()
  await db.schema.alterTable('messages').dropColumn('generated_by').execute()
}
