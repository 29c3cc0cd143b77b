import type { Migration, MigrationProvider } from 'kysely'
import * as usersAndTokens from './001_users_and_tokens.js'
import * as marketplace from './002_marketplace.js'
import * as conversations from './003_conversations.js'
import * as workspaces from './004_workspaces.js'
import * as mcpGateway from './005_mcp_gateway.js'
import * as answerLeases from './006_answer_leases.js'
import * as conversationPageIndexes from './007_conversation_page_indexes.js'

/**
 * Every migration, in order. Listed here rather than read from the folder so the same list works
 * from TypeScript sources and from compiled dist/ alike. Names are never renamed once released.
 */
const migrations: Record<string, Migration> = {
  '001_users_and_tokens': usersAndTokens,
  '002_marketplace': marketplace,
  '003_conversations': conversations,
  '004_workspaces': workspaces,
  '005_mcp_gateway': mcpGateway,
  '006_answer_leases': answerLeases,
  '007_conversation_page_indexes': conversationPageIndexes
}

export const migrationProvider: MigrationProvider = {
  async getMigrations () {
    return migrations
  }
}

export const latestMigration = Object.keys(migrations).at(-1) as string
