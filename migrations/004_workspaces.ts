import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('workspaces')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('owner_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  // One name per owner; the index also serves the owner's listing.
  await db.schema.createIndex('workspaces_owner_name').on('workspaces').columns(['owner_id', 'name']).unique().execute()
}

export async function down (db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('workspaces').execute()
}
