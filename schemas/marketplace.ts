import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Cursor, Limit, Timestamp } from './common.js'
import {
  Category, CatalogArgument, CatalogCommand, CatalogEnvironmentVariable, CatalogHeader, CatalogPackage, CatalogRemote, EnvName, HeaderName,
  PackageTransport, ServerName, serverStatuses
} from './catalog.js'
import { RuntimeStatusExtras } from './mcp-runtime.js'

export const ServerStatus = Type.Union(serverStatuses.map((name) => Type.Literal(name)))
export const SortOrder = Type.Union([Type.Literal('relevance'), Type.Literal('popularity'), Type.Literal('name'), Type.Literal('updated')])
export type SortOrder = Static<typeof SortOrder>
export const LaunchTransport = PackageTransport

/** What a list shows of a server: enough to choose, without the install details. */
const summaryFields = {
  name: Type.String(),
  title: Type.String(),
  description: Type.String(),
  version: Type.Optional(Type.String()),
  category: Category,
  category_inferred: Type.Boolean({ description: 'the category was guessed from the text on import' }),
  tags: Type.Array(Type.String()),
  capabilities: Type.Array(Type.String()),
  author: Type.Optional(Type.String()),
  repository_url: Type.Optional(Type.String()),
  is_official: Type.Boolean(),
  popularity_score: Type.Integer({ minimum: 0, maximum: 100 }),
  last_updated: Type.String(),
  status: ServerStatus,
  transports: Type.Array(LaunchTransport, { description: 'how it can be reached: stdio (a local process) or a remote transport' }),
  installable: Type.Boolean({ description: 'false when nothing in the entry can be run here; see not_installable_reason on the server' }),
  installed: Type.Boolean({ description: 'installed by the calling user' })
}

export const McpServerSummary = Type.Object(summaryFields, { $id: 'McpServerSummary', title: 'McpServerSummary' })
export type McpServerSummary = Static<typeof McpServerSummary>

export const McpServer = Type.Object({
  ...summaryFields,
  homepage_url: Type.Optional(Type.String()),
  packages: Type.Array(CatalogPackage),
  remotes: Type.Array(CatalogRemote),
  command: Type.Optional(CatalogCommand),
  not_installable_reason: Type.Optional(Type.String()),
  install_inputs: Type.Object({
    environment_variables: Type.Array(CatalogEnvironmentVariable),
    package_arguments: Type.Array(CatalogArgument),
    headers: Type.Array(CatalogHeader, { description: 'the HTTP headers a remote server reads, e.g. its API key' })
  }, { description: 'the values an install takes (required ones without a default must be given)' })
}, { $id: 'McpServer', title: 'McpServer' })
export type McpServer = Static<typeof McpServer>

export const ServerNameParams = Type.Object({ name: ServerName })

export const SearchQuery = Type.Object({
  query: Type.Optional(Type.String({ maxLength: 200, description: 'words matched by prefix and with typo tolerance' })),
  category: Type.Optional(Category),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  official: Type.Optional(Type.Boolean()),
  transport: Type.Optional(LaunchTransport),
  installed: Type.Optional(Type.Boolean({ description: 'only (true) or no (false) servers the caller installed' })),
  sort: Type.Optional(Type.Union(SortOrder.anyOf, { description: 'relevance (the default with a query) or popularity (the default without)' })),
  limit: Limit,
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type SearchQuery = Static<typeof SearchQuery>

export const McpServerPage = Type.Object({
  items: Type.Array(Type.Ref(McpServerSummary)),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 })
}, { title: 'McpServerPage' })

/** The original system's search, kept for its clients. */
export const OriginalSearchQuery = Type.Object({
  query: Type.String({ maxLength: 200, default: '' }),
  category: Type.Optional(Category),
  official_only: Type.Boolean({ default: false }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 })
}, { additionalProperties: false })

export const OriginalSearchResponse = Type.Object({
  success: Type.Literal(true),
  servers: Type.Array(Type.Ref(McpServerSummary)),
  total: Type.Integer(),
  returned: Type.Integer(),
  query: Type.String(),
  filters: Type.Object({ category: Type.Union([Category, Type.Null()]), official_only: Type.Boolean() })
}, { title: 'OriginalSearchResponse' })

export const CategoryCount = Type.Object({
  name: Category,
  label: Type.String(),
  count: Type.Integer({ minimum: 0, description: 'listed servers (deleted ones are not counted)' })
}, { title: 'CategoryCount' })

export const CategoriesResponse = Type.Object({
  categories: Type.Array(CategoryCount),
  total_servers: Type.Integer()
}, { title: 'CategoriesResponse' })
export type CategoriesResponse = Static<typeof CategoriesResponse>

export const TrendingQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) }, { additionalProperties: false })

export const McpTrendingServer = Type.Object({
  ...summaryFields,
  recent_installs: Type.Integer({ minimum: 0, description: 'installs by all users in the last 30 days' })
}, { $id: 'McpTrendingServer', title: 'McpTrendingServer' })

export const TrendingResponse = Type.Object({ servers: Type.Array(Type.Ref(McpTrendingServer)) }, { title: 'TrendingResponse' })

export const RecommendationsQuery = Type.Object({
  project_type: Type.String({ minLength: 1, maxLength: 64, default: 'general', description: 'web_development, data_science, devops, content_management or general (anything else counts as general)' })
}, { additionalProperties: false })

export const McpRecommendation = Type.Object({
  ...summaryFields,
  reason: Type.String()
}, { $id: 'McpRecommendation', title: 'McpRecommendation' })
export type McpRecommendation = Static<typeof McpRecommendation>

export const RecommendationsResponse = Type.Object({
  project_type: Type.String(),
  categories: Type.Array(Category),
  servers: Type.Array(Type.Ref(McpRecommendation))
}, { title: 'RecommendationsResponse' })

const ArgumentValue = Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 50 })])

const ArgumentName = Type.String({ minLength: 1, maxLength: 128 })
/** An environment variable's or a header's value. */
const NamedValue = Type.String({ maxLength: 8000 })
/** In an update, null removes a value. It comes first: with type coercion on, a string first would turn null into "". */
const Removable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema])

export const InstallBody = Type.Object({
  env: Type.Optional(Type.Record(EnvName, NamedValue, { description: 'values for the environment variables' })),
  arguments: Type.Optional(Type.Record(ArgumentName, ArgumentValue, { description: 'values for the package arguments, by name; a list for a repeated one' })),
  headers: Type.Optional(Type.Record(HeaderName, NamedValue, { description: 'values for the HTTP headers a remote server reads' })),
  auto_restart: Type.Optional(Type.Boolean({ default: false }))
}, { additionalProperties: false, title: 'InstallBody' })
export type InstallBody = Static<typeof InstallBody>

export const UpdateInstallBody = Type.Object({
  env: Type.Optional(Type.Record(EnvName, Removable(NamedValue), { description: 'new values for environment variables; null removes one; those not named keep their value' })),
  arguments: Type.Optional(Type.Record(ArgumentName, Removable(ArgumentValue), { description: 'new values for package arguments; null removes one; those not named keep their value' })),
  headers: Type.Optional(Type.Record(HeaderName, Removable(NamedValue), { description: 'new values for a remote\'s HTTP headers; null removes one; those not named keep their value' })),
  auto_restart: Type.Optional(Type.Boolean())
}, { additionalProperties: false, minProperties: 1, title: 'UpdateInstallBody' })
export type UpdateInstallBody = Static<typeof UpdateInstallBody>

export const McpInstall = Type.Object({
  name: Type.String(),
  title: Type.String(),
  category: Category,
  server_status: ServerStatus,
  transport: Type.Optional(Type.Union(LaunchTransport.anyOf, { description: 'how it runs; absent when the catalog entry can no longer be run' })),
  installed_at: Timestamp,
  updated_at: Timestamp,
  auto_restart: Type.Boolean(),
  env: Type.Record(Type.String(), Type.String(), { description: 'the values given for non-secret variables' }),
  arguments: Type.Record(Type.String(), ArgumentValue, { description: 'the values given for non-secret arguments' }),
  headers: Type.Record(Type.String(), Type.String(), { description: 'the values given for non-secret headers of a remote' }),
  secrets_set: Type.Array(Type.String(), { description: 'names of the secret values stored (encrypted; never returned)' })
}, { $id: 'McpInstall', title: 'McpInstall' })
export type McpInstall = Static<typeof McpInstall>

export const McpInstallPage = Type.Object({
  items: Type.Array(Type.Ref(McpInstall)),
  next_cursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 })
}, { title: 'McpInstallPage' })

export const InstalledQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, { additionalProperties: false })

export const clientNames = ['claude-desktop', 'vscode', 'cursor'] as const
export type ClientName = (typeof clientNames)[number]

export const ClientConfigQuery = Type.Object({
  client: Type.Union(clientNames.map((name) => Type.Literal(name))),
  include_secrets: Type.Boolean({ default: false, description: 'put the real secret values in (otherwise placeholders)' })
}, { additionalProperties: false })

const StdioEntry = {
  command: Type.String(),
  args: Type.Array(Type.String()),
  env: Type.Optional(Type.Record(Type.String(), Type.String()))
}

/** Claude Desktop's claude_desktop_config.json and Cursor's mcp.json. */
export const McpServersConfig = Type.Object({
  mcpServers: Type.Record(Type.String(), Type.Union([
    Type.Object(StdioEntry),
    Type.Object({ url: Type.String(), headers: Type.Optional(Type.Record(Type.String(), Type.String())) })
  ]))
}, { title: 'McpServersConfig' })

/** VS Code's .vscode/mcp.json. */
export const VsCodeConfig = Type.Object({
  inputs: Type.Optional(Type.Array(Type.Object({ type: Type.Literal('promptString'), id: Type.String(), description: Type.String(), password: Type.Boolean() }))),
  servers: Type.Record(Type.String(), Type.Union([
    Type.Object({ type: Type.Literal('stdio'), ...StdioEntry }),
    Type.Object({ type: Type.Union([Type.Literal('http'), Type.Literal('sse')]), url: Type.String(), headers: Type.Optional(Type.Record(Type.String(), Type.String())) })
  ]))
}, { title: 'VsCodeConfig' })

export const ClientConfig = Type.Union([McpServersConfig, VsCodeConfig], { title: 'ClientConfig' })
export type ClientConfig = Static<typeof ClientConfig>

export const ImportRejection = Type.Object({
  index: Type.Integer({ minimum: 0, description: 'position of the entry in the document' }),
  name: Type.Optional(Type.String()),
  reason: Type.String()
})

export const ImportReport = Type.Object({
  format: Type.Union([Type.Literal('registry-list'), Type.Literal('server-json'), Type.Literal('legacy-seed'), Type.Literal('podplay-catalog')]),
  total: Type.Integer({ description: 'entries given; imported + updated + unchanged + rejected' }),
  imported: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer({ description: 'identical, or older than the version already stored' }),
  rejected: Type.Array(ImportRejection)
}, { $id: 'McpImportReport', title: 'McpImportReport' })
export type ImportReport = Static<typeof ImportReport>

/**
 * Pushed to the user's room when one of their servers changes state: the marketplace sends
 * installed/updated/uninstalled, the MCP runtime the process states.
 */
export const McpServerStatus = Type.Object({
  name: Type.String(),
  user_id: Type.String(),
  state: Type.Union(['installed', 'updated', 'uninstalled', 'stopped', 'starting', 'running', 'crashed'].map((state) => Type.Literal(state))),
  timestamp: Timestamp,
  message: Type.Optional(Type.String()),
  ...RuntimeStatusExtras.properties
}, { $id: 'McpServerStatus', title: 'McpServerStatus' })
export type McpServerStatus = Static<typeof McpServerStatus>
