import type { BriefingHealth, BriefingRecommendation, BriefingSections, BriefingServer, BriefingTopic, CatalogChange } from '../../schemas/briefing.js'
import type { Readiness, SystemStatus } from '../../schemas/health.js'
import type { McpServerSummary } from '../../schemas/marketplace.js'
import type { MarketplaceService } from '../marketplace/service.js'
import type { McpRuntime } from '../mcp-runtime/runtime.js'
import type { DiscoveryService } from '../discovery/service.js'
import type { MamaBear } from '../mama-bear/agent.js'

/** Where the briefing's facts come from. */
export interface BriefingSources {
  marketplace: MarketplaceService
  runtime: McpRuntime
  discovery: DiscoveryService
  mamaBear: MamaBear
  readiness: () => Promise<Readiness>
  systemStatus: () => Promise<SystemStatus>
}

/** The catalog as `{name: version-or-last-updated}`: what the next briefing compares against. */
export type CatalogSnapshot = Record<string, string>

export interface Previous {
  created_at: string
  snapshot: CatalogSnapshot
}

const SHOWN = { installed: 20, catalog: 10, recommendations: 6, topics: 5 }
const CATALOG_PAGE = 100
const DAY_MS = 86_400_000

type Section<T> = { available: boolean, detail: string | null, total: number, items: T[] }

function section<T> (items: T[], shown: number, detail: string | null = null): Section<T> {
  return { available: true, detail, total: items.length, items: items.slice(0, shown) }
}

/** A source that fails leaves its section marked unavailable (with why) instead of failing the briefing. */
async function guarded<T> (build: () => Promise<Section<T>>): Promise<Section<T>> {
  try {
    return await build()
  } catch (error) {
    return { available: false, detail: (error as Error).message, total: 0, items: [] }
  }
}

async function wholeCatalog (marketplace: MarketplaceService, userId: string): Promise<McpServerSummary[]> {
  const servers: McpServerSummary[] = []
  let cursor: string | undefined
  do {
    const page = await marketplace.search({ sort: 'name', limit: CATALOG_PAGE, cursor }, userId)
    servers.push(...page.items)
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return servers
}

async function installedServers (sources: BriefingSources, userId: string): Promise<Section<BriefingServer>> {
  const installs = await sources.marketplace.listInstalled(userId)
  const items = await Promise.all(installs.map(async (install) => ({
    name: install.name,
    title: install.title,
    state: (await sources.runtime.status(userId, install.name)).state,
    installed_at: install.installed_at
  })))
  return section(items, SHOWN.installed)
}

function catalogChanges (servers: McpServerSummary[], snapshot: CatalogSnapshot, previous: Previous | null): Section<CatalogChange> {
  if (!previous) return section([], 0, 'This is your first briefing: from the next one on, new and updated catalog entries are listed here.')
  const changes: CatalogChange[] = []
  for (const server of servers) {
    const before = previous.snapshot[server.name]
    if (before === snapshot[server.name]) continue
    changes.push({ name: server.name, title: server.title, category: server.category, change: before === undefined ? 'new' : 'updated', version: server.version ?? null })
  }
  return section(changes, SHOWN.catalog)
}

async function recommendations (sources: BriefingSources, userId: string): Promise<Section<BriefingRecommendation>> {
  // What the user's own workspaces call for comes first; the marketplace's general picks fill up.
  const fromWorkspaces = (await sources.discovery.recommendForUser(userId))
    .map((server) => ({ name: server.name, title: server.title, reason: server.reason, source: 'discovery' as const }))
  const general = (await sources.marketplace.recommendations(userId, 'general')).servers
    .map((server) => ({ name: server.name, title: server.title, reason: server.reason, source: 'marketplace' as const }))
  const byName = new Map<string, BriefingRecommendation>()
  for (const item of [...fromWorkspaces, ...general]) if (!byName.has(item.name)) byName.set(item.name, item)
  return section([...byName.values()], SHOWN.recommendations)
}

async function recentTopics (sources: BriefingSources, userId: string, since: string): Promise<Section<BriefingTopic>> {
  const { items, total } = await sources.mamaBear.recentConversations(userId, since, SHOWN.topics)
  return { available: true, detail: null, total, items }
}

async function systemHealth (sources: BriefingSources): Promise<BriefingHealth> {
  const [readiness, status] = await Promise.all([sources.readiness(), sources.systemStatus()])
  return {
    status: readiness.status,
    failing: readiness.failing,
    services: status.services,
    cpu_usage: status.system.cpu_usage,
    memory_usage: status.system.memory_usage,
    connected_clients: status.system.connected_clients
  }
}

/** Everything the briefing reports, from each source in turn, and the catalog snapshot to keep. */
export async function gatherSections (sources: BriefingSources, userId: string, previous: Previous | null, now: Date): Promise<{ sections: BriefingSections, snapshot: CatalogSnapshot }> {
  let snapshot: CatalogSnapshot = previous?.snapshot ?? {}
  const catalog = await guarded(async () => {
    const servers = await wholeCatalog(sources.marketplace, userId)
    snapshot = Object.fromEntries(servers.map((server) => [server.name, server.version ?? server.last_updated]))
    return catalogChanges(servers, snapshot, previous)
  })
  const since = previous?.created_at ?? new Date(now.getTime() - DAY_MS).toISOString()
  const [installed, recommended, topics, health] = await Promise.all([
    guarded(() => installedServers(sources, userId)),
    guarded(() => recommendations(sources, userId)),
    guarded(() => recentTopics(sources, userId, since)),
    systemHealth(sources)
  ])
  return {
    sections: {
      installed_servers: installed,
      catalog_updates: { ...catalog, since: previous?.created_at ?? null },
      recommendations: recommended,
      recent_topics: topics,
      system_health: health
    },
    snapshot
  }
}
