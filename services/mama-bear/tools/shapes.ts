import type { CategoryHint } from '../../marketplace/category-hints.js'
import type { NeededValue } from '../../marketplace/install-values.js'

/**
 * What the product tools return (as JSON text). The embedded assistant reads these shapes back to
 * write its answers, so the tools and it agree on them here.
 */
export interface ServerBrief {
  name: string
  title: string
  description: string
  category: string
  is_official: boolean
  popularity_score: number
  installed: boolean
  /** The installed server's state (running, stopped, starting, crashed); absent when not installed. */
  state?: string
  installable: boolean
  not_installable_reason?: string
  /** What installing it takes: the values it must be given, and the install body's field for each. */
  needs: NeededValue[]
}

export interface ServerSearchResult {
  query: string | null
  category: string | null
  total: number
  items: ServerBrief[]
  /** Words of the query no server matches: the thing asked for is not in the catalog. */
  unmatched_words: string[]
  /** Where to look instead, when some words matched nothing. */
  closest_categories: CategoryHint[]
}

export interface RecommendationResult {
  project_type: string
  items: Array<ServerBrief & { reason: string }>
}

export interface InstalledServersResult {
  items: Array<{ name: string, title: string, state: string, installed_at: string }>
}

export interface BriefingResult {
  date: string
  content: string
}

/** The tools the embedded assistant knows how to use and read. */
export const productTools = {
  search: 'marketplace_search',
  recommend: 'marketplace_recommendations',
  installed: 'installed_servers',
  status: 'system_status',
  briefing: 'daily_briefing'
} as const
