import type { Kysely } from 'kysely'

/** The MCP gateway's profiles (named allow-lists) and its record of calls. */
export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('gateway_profiles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('servers', 'text', (col) => col.notNull())
    .addColumn('sanctuary_tools', 'text')
    .addColumn('tools_mode', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()
  // One name per user; the index also serves the user's listing.
  await db.schema.createIndex('gateway_profiles_user_name').on('gateway_profiles').columns(['user_id', 'name']).unique().execute()

  await db.schema.createTable('gateway_calls')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (col) => col.notNull())
    .addColumn('profile', 'text')
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('server', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('duration_ms', 'real', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('error_code', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('gateway_calls_user_created').on('gateway_calls').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('gateway_calls_created').on('gateway_calls').column('created_at').execute()
}

export async function down (db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gateway_calls').execute()
  await db.schema.dropTable('gateway_profiles').execute()
}
