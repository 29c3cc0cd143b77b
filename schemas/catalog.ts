import { Type, type Static, type TString } from '@sinclair/typebox'

/**
 * The catalog file format (data/mcp_servers.json, PODPLAY_CATALOG, and format (d) of the import).
 * data/mcp_servers.schema.json is generated from these definitions (`podplay catalog schema`);
 * a test keeps the committed file equal to them.
 */

/** The original system's twelve categories, in its order. */
export const categoryNames = [
  'database', 'cloud_services', 'development_tools', 'communication', 'ai_ml', 'productivity',
  'search_data', 'file_system', 'web_apis', 'security', 'monitoring', 'content_management'
] as const
export const Category = Type.Union(categoryNames.map((name) => Type.Literal(name)))
export type Category = (typeof categoryNames)[number]

/** Registry types as the MCP Registry names them; only npm, pypi and oci can be launched here. */
export const registryTypes = ['npm', 'pypi', 'oci', 'nuget', 'cargo', 'mcpb', 'go'] as const
export const launchableRegistryTypes = ['npm', 'pypi', 'oci'] as const

export const serverStatuses = ['active', 'deprecated', 'deleted'] as const

/** Registry names (`io.github.user/server`) and our own slugs (`brave-search`). */
export const ServerName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)?$' })
const HttpUrl = Type.String({ maxLength: 2000, pattern: '^https?://\\S+$' })
const Text = (maxLength: number) => Type.String({ maxLength })
/** Environment variable names as a shell accepts them. */
export const EnvName = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })

/** A named value an install gives (an environment variable, a header), as its kind names it. */
function namedInput<Name extends TString> (name: Name) {
  return Type.Object({
    name,
    description: Text(1000),
    required: Type.Boolean({ default: false }),
    secret: Type.Boolean({ default: false, description: 'encrypted at rest and never returned' }),
    default: Type.Optional(Text(2000))
  }, { additionalProperties: false })
}

export const CatalogEnvironmentVariable = namedInput(EnvName)
export type CatalogEnvironmentVariable = Static<typeof CatalogEnvironmentVariable>

export const CatalogArgument = Type.Object({
  name: Type.String({
    minLength: 1,
    maxLength: 128,
    description: 'a name starting with "-" is a named argument passed as NAME=VALUE (NAME alone for an empty value); any other name labels a positional argument'
  }),
  description: Text(1000),
  required: Type.Boolean({ default: false }),
  default: Type.Optional(Type.Union([Text(2000), Type.Array(Text(2000), { maxItems: 50 })], { description: 'a list only for a repeated argument' })),
  repeated: Type.Optional(Type.Boolean({ description: 'the value may be a list; each item is passed' })),
  secret: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type CatalogArgument = Static<typeof CatalogArgument>

export const PackageTransport = Type.Union([Type.Literal('stdio'), Type.Literal('streamable-http'), Type.Literal('sse')])
export const RemoteTransport = Type.Union([Type.Literal('streamable-http'), Type.Literal('sse')])

export const CatalogPackage = Type.Object({
  registry_type: Type.Union(registryTypes.map((name) => Type.Literal(name))),
  identifier: Type.String({ minLength: 1, maxLength: 300, pattern: '^\\S+$' }),
  version: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$', description: 'pinned when given; the latest release otherwise' })),
  transport: Type.Union(PackageTransport.anyOf, { default: 'stdio' }),
  package_arguments: Type.Optional(Type.Array(CatalogArgument, { maxItems: 50 })),
  environment_variables: Type.Optional(Type.Array(CatalogEnvironmentVariable, { maxItems: 100 }))
}, { additionalProperties: false })
export type CatalogPackage = Static<typeof CatalogPackage>

export const HeaderName = Type.String({ minLength: 1, maxLength: 128, pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", description: 'an HTTP header name' })

/** A header a remote server reads, e.g. its API key: an install gives its value. */
export const CatalogHeader = namedInput(HeaderName)
export type CatalogHeader = Static<typeof CatalogHeader>

export const CatalogRemote = Type.Object({
  transport: RemoteTransport,
  url: HttpUrl,
  headers: Type.Optional(Type.Array(CatalogHeader, { maxItems: 50 }))
}, { additionalProperties: false })
export type CatalogRemote = Static<typeof CatalogRemote>

/** A plain local command, for servers that are not published to a package registry. */
export const CatalogCommand = Type.Object({
  command: Type.String({ minLength: 1, maxLength: 1000 }),
  args: Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 100, default: [] }),
  env: Type.Optional(Type.Record(EnvName, Type.String({ maxLength: 4000 })))
}, { additionalProperties: false })
export type CatalogCommand = Static<typeof CatalogCommand>

export const CatalogServer = Type.Object({
  name: ServerName,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Text(2000),
  version: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  category: Type.Optional(Category),
  category_inferred: Type.Optional(Type.Boolean({ description: 'true when the category was guessed from the text on import' })),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, default: [] }),
  capabilities: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 200, default: [], description: 'the tools the server offers' }),
  author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  repository_url: Type.Optional(HttpUrl),
  homepage_url: Type.Optional(HttpUrl),
  is_official: Type.Boolean({ default: false, description: 'maintained by the vendor of the service or by the MCP project' }),
  popularity_score: Type.Integer({ minimum: 0, maximum: 100, default: 0, description: 'how it is set is stated in the file metadata' }),
  last_updated: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'YYYY-MM-DD' }),
  status: Type.Union(serverStatuses.map((name) => Type.Literal(name)), { default: 'active' }),
  packages: Type.Array(CatalogPackage, { maxItems: 20, default: [] }),
  remotes: Type.Optional(Type.Array(CatalogRemote, { maxItems: 20 })),
  command: Type.Optional(CatalogCommand)
}, { additionalProperties: false, title: 'McpCatalogServer' })
export type CatalogServer = Static<typeof CatalogServer>

const documentFields = {
  version: Type.String({ minLength: 1 }),
  last_updated: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' }),
  description: Type.String(),
  total_servers: Type.Optional(Type.Integer({ minimum: 0, description: 'when given, must equal the number of servers' })),
  metadata: Type.Optional(Type.Object({
    popularity_source: Type.Optional(Type.String({ description: 'how popularity_score was set' })),
    categories: Type.Optional(Type.Array(Category))
  }))
}

/** The whole file, as editors and other tools see it. */
export const CatalogDocument = Type.Object({ ...documentFields, servers: Type.Array(CatalogServer) }, { title: 'McpCatalog' })

/** The file's frame; each server is then validated on its own so a problem names its entry. */
export const CatalogEnvelope = Type.Object({ ...documentFields, servers: Type.Array(Type.Unknown()) })
export type CatalogEnvelope = Static<typeof CatalogEnvelope>

/** The JSON Schema written to data/mcp_servers.schema.json. */
export function catalogJsonSchema (): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    description: 'Podplay Sanctuary MCP server catalog (generated from schemas/catalog.ts; do not edit by hand)',
    ...JSON.parse(JSON.stringify(CatalogDocument))
  }
}
