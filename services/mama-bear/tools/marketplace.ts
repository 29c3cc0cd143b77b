import { Type } from '@sinclair/typebox'
import { Category, ServerName } from '../../../schemas/catalog.js'
import { InstallBody, type McpServerSummary } from '../../../schemas/marketplace.js'
import type { MarketplaceService } from '../../marketplace/service.js'
import type { McpRuntime } from '../../mcp-runtime/runtime.js'
import { defineTool, type Tool } from '../tools.js'
import { productTools, type InstalledServersResult, type RecommendationResult, type ServerBrief, type ServerSearchResult } from './shapes.js'

const CLOSEST_CATEGORIES = 3

/**
 * What a model needs to choose a server and tell what installing it takes; the package and launch
 * details stay out of its context.
 */
async function brief (server: McpServerSummary, userId: string, marketplace: MarketplaceService, runtime: McpRuntime): Promise<ServerBrief> {
  return {
    name: server.name,
    title: server.title,
    description: server.description,
    category: server.category,
    is_official: server.is_official,
    popularity_score: server.popularity_score,
    installed: server.installed,
    ...(server.installed ? { state: (await runtime.status(userId, server.name)).state } : {}),
    ...marketplace.installNeeds(server.name)
  }
}

const ServerArgument = Type.Object({ name: ServerName })

/**
 * The marketplace as tools: search, one server in full, recommendations, the user's installed
 * servers with their state, install and uninstall.
 */
export function marketplaceTools (marketplace: MarketplaceService, runtime: McpRuntime): Tool[] {
  return [
    defineTool({
      name: productTools.search,
      title: 'Search the MCP marketplace',
      annotations: { readOnlyHint: true, openWorldHint: false },
      description: 'Search the MCP server marketplace by need or keywords (e.g. "database", "slack messages"), optionally in one category. Each server says what installing it needs and, when installed, its state; words no server matches are listed with the closest categories.',
      input: Type.Object({
        query: Type.Optional(Type.String({ maxLength: 200, description: 'what the user needs, in a few words' })),
        category: Type.Optional(Category),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'how many results, 5 by default' }))
      }),
      run: async ({ query, category, limit }, { userId }): Promise<ServerSearchResult> => {
        const page = await marketplace.search({ query, category, limit: limit ?? 5 }, userId)
        return {
          query: query ?? null,
          category: category ?? null,
          total: page.total,
          items: await Promise.all(page.items.map((server) => brief(server, userId, marketplace, runtime))),
          ...marketplace.searchMisses(query ?? '', page.total, CLOSEST_CATEGORIES)
        }
      }
    }),
    defineTool({
      name: 'marketplace_server',
      title: 'Show an MCP server',
      annotations: { readOnlyHint: true, openWorldHint: false },
      description: 'One MCP server of the marketplace in full: what it does, how it runs, the values an install needs, and whether the user installed it.',
      input: ServerArgument,
      run: async ({ name }, { userId }) => await marketplace.getServer(name, userId)
    }),
    defineTool({
      name: productTools.recommend,
      title: 'Recommend MCP servers',
      annotations: { readOnlyHint: true, openWorldHint: false },
      description: 'Recommended MCP servers for a kind of project: web_development, data_science, devops, content_management or general.',
      input: Type.Object({ project_type: Type.Optional(Type.String({ maxLength: 64 })) }),
      run: async ({ project_type: projectType }, { userId }): Promise<RecommendationResult> => {
        const result = await marketplace.recommendations(userId, projectType ?? 'general')
        const items = await Promise.all(result.servers.map(async (server) => ({ ...await brief(server, userId, marketplace, runtime), reason: server.reason })))
        return { project_type: result.project_type, items }
      }
    }),
    defineTool({
      name: productTools.installed,
      title: 'Installed MCP servers',
      annotations: { readOnlyHint: true, openWorldHint: false },
      description: 'The MCP servers the user has installed, and whether each is running, stopped or crashed.',
      input: Type.Object({}),
      run: async (_args, { userId }): Promise<InstalledServersResult> => {
        const installs = await marketplace.listInstalled(userId)
        const items = await Promise.all(installs.map(async (install) => ({
          name: install.name,
          title: install.title,
          state: (await runtime.status(userId, install.name)).state,
          installed_at: install.installed_at
        })))
        return { items }
      }
    }),
    defineTool({
      name: 'install_server',
      title: 'Install an MCP server',
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      description: 'Install an MCP server of the marketplace for the user, with the values it needs (environment variables, arguments, headers; secret ones are stored encrypted and never shown again). marketplace_server says which values are required.',
      input: Type.Object({ name: ServerName, ...InstallBody.properties }),
      run: async ({ name, ...values }, { userId }) => await marketplace.install(userId, name, values)
    }),
    defineTool({
      name: 'uninstall_server',
      title: 'Uninstall an MCP server',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      description: 'Uninstall one of the user\'s MCP servers: it is stopped if it runs, and its stored values are deleted.',
      input: ServerArgument,
      run: async ({ name }, { userId }) => {
        await marketplace.uninstall(userId, name)
        return { name, uninstalled: true }
      }
    })
  ]
}
