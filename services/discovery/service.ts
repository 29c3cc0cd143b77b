import { EventEmitter } from 'node:events'
import type { MarketplaceService } from '../marketplace/service.js'
import type { WorkspaceChangeEvent, WorkspaceService } from '../workspaces/service.js'
import { collectSignals, isManifestPath, matchServers, type Signal } from './manifests.js'
import { workspaceSource } from './source.js'

export interface Evidence {
  workspace_id: string
  file: string
  detail: string
}

export interface Recommendation {
  name: string
  title: string
  description: string
  category: string
  /** Why, in words: the first few pieces of evidence. */
  reason: string
  evidence: Evidence[]
}

export interface RecommendationEvent {
  user_id: string
  workspace_id: string
  recommendations: Recommendation[]
}

export interface DiscoveryEvents {
  /** Recomputed after a manifest changed in a watched workspace. */
  recommendation: [RecommendationEvent]
}

export interface DiscoveryOptions {
  /** Manifest changes within this delay of each other cause one recomputation. */
  recomputeDelayMs?: number
  onError: (error: Error, workspaceId: string) => void
}

type Catalog = Pick<MarketplaceService, 'getServer' | 'listInstalled'>

const REASON_DETAILS = 3

/**
 * The discovery agent: reads a workspace's manifests, maps what it finds to catalog servers (see
 * signal-map.ts) and recommends the ones the user has not installed, each with its evidence.
 */
export class DiscoveryService {
  readonly events = new EventEmitter<DiscoveryEvents>()
  private readonly pending = new Map<string, NodeJS.Timeout>()
  private readonly onChange = (change: WorkspaceChangeEvent) => {
    if (isManifestPath(change.path)) this.schedule(change.owner_id, change.workspace_id)
  }

  constructor (private readonly catalog: Catalog, private readonly workspaces: WorkspaceService, private readonly options: DiscoveryOptions) {
    workspaces.events.on('change', this.onChange)
  }

  /** Recommendations from one of the user's workspaces (404 for another user's). */
  async recommend (userId: string, workspaceId: string): Promise<Recommendation[]> {
    await this.workspaces.get(userId, workspaceId)
    return await this.toRecommendations(userId, [{ workspaceId, signals: await this.signalsOf(userId, workspaceId) }])
  }

  /** Recommendations across all the user's workspaces, evidence merged per server. */
  async recommendForUser (userId: string): Promise<Recommendation[]> {
    const found: Array<{ workspaceId: string, signals: Signal[] }> = []
    let cursor: string | undefined
    do {
      const page = await this.workspaces.list(userId, { limit: 100, cursor })
      for (const workspace of page.items) found.push({ workspaceId: workspace.id, signals: await this.signalsOf(userId, workspace.id) })
      cursor = page.next_cursor ?? undefined
    } while (cursor)
    return await this.toRecommendations(userId, found)
  }

  close (): void {
    this.workspaces.events.off('change', this.onChange)
    for (const timer of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
  }

  private async signalsOf (userId: string, workspaceId: string): Promise<Signal[]> {
    return await collectSignals(workspaceSource(this.workspaces, userId, workspaceId))
  }

  private async toRecommendations (userId: string, found: Array<{ workspaceId: string, signals: Signal[] }>): Promise<Recommendation[]> {
    const installed = new Set((await this.catalog.listInstalled(userId)).map((install) => install.name))
    const evidence = new Map<string, Evidence[]>()
    for (const { workspaceId, signals } of found) {
      for (const [server, matched] of matchServers(signals)) {
        const items = evidence.get(server) ?? []
        items.push(...matched.map((signal) => ({ workspace_id: workspaceId, file: signal.file, detail: signal.detail })))
        evidence.set(server, items)
      }
    }
    const ranked: Array<Recommendation & { popularity: number }> = []
    for (const [name, items] of evidence) {
      if (installed.has(name)) continue
      const server = await this.catalog.getServer(name).catch((error: { code?: string }) => {
        // The catalog in use may not carry every mapped server.
        if (error.code === 'MCP_SERVER_NOT_FOUND') return null
        throw error
      })
      if (!server) continue
      const details = [...new Set(items.map((item) => item.detail))]
      const more = details.length > REASON_DETAILS ? ` and ${details.length - REASON_DETAILS} more` : ''
      ranked.push({
        name,
        title: server.title,
        description: server.description,
        category: server.category,
        reason: details.slice(0, REASON_DETAILS).join('; ') + more,
        evidence: items,
        popularity: server.popularity_score
      })
    }
    ranked.sort((a, b) => b.evidence.length - a.evidence.length || b.popularity - a.popularity || (a.name < b.name ? -1 : 1))
    return ranked.map(({ popularity: _popularity, ...recommendation }) => recommendation)
  }

  private schedule (userId: string, workspaceId: string): void {
    clearTimeout(this.pending.get(workspaceId))
    this.pending.set(workspaceId, setTimeout(() => {
      this.pending.delete(workspaceId)
      this.recommend(userId, workspaceId)
        .then((recommendations) => this.events.emit('recommendation', { user_id: userId, workspace_id: workspaceId, recommendations }))
        .catch((error: Error & { statusCode?: number }) => {
          // A workspace deleted meanwhile has nothing left to recommend from.
          if (error.statusCode !== 404) this.options.onError(error, workspaceId)
        })
    }, this.options.recomputeDelayMs ?? 250))
  }
}
