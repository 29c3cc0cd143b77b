import type { Kysely } from 'kysely'

export async function up (db: Kysely<unknown>): Promise<void> {
  // The catalog: one row per server name; the normalized entry is kept whole as JSON, with the
  // columns an operator filters by beside it. Rows are never deleted: a registry's "deleted" is a status.
  await db.schema.createTable('mcp_servers')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('version', 'text')
    .addColumn('entry', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema.createTable('mcp_installs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('server_name', 'text', (col) => col.notNull().references('mcp_servers.name'))
    .addColumn('auto_restart', 'integer', (col) => col.notNull())
    .addColumn('plain_values', 'text', (col) => col.notNull())
    .addColumn('secret_values', 'text')
    .addColumn('installed_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  // One install of a server per user; the index also serves the user's listing.
  await db.schema.createIndex('mcp_installs_user_server').on('mcp_installs').columns(['user_id', 'server_name']).unique().execute()
  // Trending counts recent installs per server.
  await db.schema.createIndex('mcp_installs_installed_at').on('mcp_installs').columns(['installed_at', 'server_name']).execute()
}

export async function down (db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mcp_installs').execute()
  await db.schema.dropTable('mcp_servers').execute()
}
