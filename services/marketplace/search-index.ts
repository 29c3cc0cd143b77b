import { LRUCache } from 'lru-cache'
import type { SearchOptions } from 'minisearch'
import type { SearchQuery, SortOrder } from '../../schemas/marketplace.js'
import { encodeCursor, fingerprint, resumeAt } from './cursor.js'
import { FilterColumns } from './filter-columns.js'
import { IndexedServer } from './indexed-server.js'
import { RankedMiniSearch } from './ranked-search.js'
import { Ranking } from './ranking.js'
import { normalizeTerm, Vocabulary } from './vocabulary.js'
import type { CatalogEntry } from './validate.js'

export type SearchParams = Omit<SearchQuery, 'limit'> & { limit?: number }

export interface SearchHits {
  items: IndexedServer[]
  next_cursor: string | null
  total: number
}

const RANKINGS_CACHED = 256
/**
 * What is searched, and how much a match in each counts. The category is searched too, so a
 * search for "database" puts the database servers first (the original system's promised test).
 */
const searchFields: Record<string, { boost: number, text: (entry: CatalogEntry) => string }> = {
  name: { boost: 3, text: (entry) => entry.name },
  title: { boost: 3, text: (entry) => entry.title },
  category: { boost: 2, text: (entry) => entry.category },
  tags: { boost: 2, text: (entry) => entry.tags.join(' ') },
  capabilities: { boost: 1.5, text: (entry) => entry.capabilities.join(' ') },
  description: { boost: 1, text: (entry) => entry.description }
}

const byName = (a: IndexedServer, b: IndexedServer) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const comparators: Record<Exclude<SortOrder, 'relevance'>, (a: IndexedServer, b: IndexedServer) => number> = {
  name: byName,
  popularity: (a, b) => b.popularity - a.popularity || byName(a, b),
  updated: (a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : byName(a, b))
}

/** What a page walk needs first: the default page. */
const FIRST_PAGE = 20

/**
 * The in-memory search over the catalog: MiniSearch (BM25 ranking with prefix and typo-tolerant
 * matching) boosted by popularity, the filters, the sort orders and stable cursor pages. Built
 * from the database rows at start and updated on every import. A ranked search works out only the
 * pages read (ranked-search.ts), so a word in half the catalog costs about what a rare one does.
 */
export class CatalogIndex {
  private readonly servers = new Map<string, IndexedServer>()
  /** The servers by the search index's short id, which the top-k search's matches are numbered by. */
  private readonly serverByDoc: Array<IndexedServer | undefined> = []
  private readonly filterColumns = new FilterColumns(this.serverByDoc)
  /** The whole catalog in each sort order (and the short ids in that order), built on first use after a change. */
  private readonly orders = new Map<string, { servers: IndexedServer[], docs: Int32Array }>()
  /**
   * Recent result lists by query, filters and order, dropped at any change of the catalog: popular
   * searches and the pages after the first are then answered without searching again.
   */
  private readonly rankings = new LRUCache<string, Ranking>({ max: RANKINGS_CACHED })
  private readonly miniSearch: RankedMiniSearch<CatalogEntry>
  private readonly searchOptions: SearchOptions
  private readonly vocabulary = new Vocabulary()
  private changes = 0
  /** The search's preparation after the last change (ranked-search.ts): true once done, false when overtaken by another change. */
  prepared: Promise<boolean> = Promise.resolve(true)
  /** How many indexed servers are marked deleted (searches never show them). */
  private deleted = 0

  /**
   * `exhaustive` ranks every match with MiniSearch alone instead of the top-k search: the reference
   * a test holds the top-k search to, page by page, over the benchmark's whole query log.
   */
  constructor (private readonly exhaustive = false) {
    this.miniSearch = new RankedMiniSearch<CatalogEntry>({
      idField: 'name',
      // Entries are removed whole before their new version is added, so there is nothing to vacuum.
      autoVacuum: false,
      fields: Object.keys(searchFields),
      extractField: (entry, field) => (field === 'popularity_score' ? entry.popularity_score : searchFields[field].text(entry)) as string,
      // Kept beside the index, so the document boost below reads it without a look-up by name.
      storeFields: ['popularity_score'],
      processTerm: (term) => {
        const word = normalizeTerm(term)
        if (word) this.vocabulary.add(word)
        return word
      }
    })
    this.searchOptions = {
      processTerm: normalizeTerm,
      // Prefix matching from two letters on.
      prefix: (term) => term.length >= 2,
      // Typo tolerance (one edit from four letters, two from eight) where prefix matching finds
      // nothing: near misses of a word the catalog has would only add noise, and cost the most.
      fuzzy: (term) => (term.length >= 4 && !this.vocabulary.hasWordStartingWith(term) ? 0.2 : false),
      maxFuzzy: 2,
      weights: { fuzzy: 0.45, prefix: 0.375 },
      bm25: { k: 1.2, b: 0.7, d: 0.5 },
      boost: Object.fromEntries(Object.entries(searchFields).map(([field, { boost }]) => [field, boost])),
      // Up to twice the text score for the most popular servers.
      boostDocument: (_name, _term, stored) => 1 + (stored?.popularity_score as number) / 100
    }
  }

  /** Grows at every change, so callers can cache what they derive from the catalog. */
  get generation (): number {
    return this.changes
  }

  get size (): number {
    return this.servers.size
  }

  get (name: string): IndexedServer | undefined {
    return this.servers.get(name)
  }

  all (): IterableIterator<IndexedServer> {
    return this.servers.values()
  }

  upsert (entries: CatalogEntry[]): void {
    for (const entry of entries) {
      const previous = this.servers.get(entry.name)
      if (previous) {
        const doc = this.miniSearch.docOf(entry.name) as number
        delete this.serverByDoc[doc]
        this.filterColumns.clear(doc)
        this.miniSearch.remove(previous.entry)
      }
      if (previous?.status === 'deleted') this.deleted--
      if (entry.status === 'deleted') this.deleted++
      this.miniSearch.add(entry)
      const server = new IndexedServer(entry)
      this.servers.set(entry.name, server)
      const doc = this.miniSearch.docOf(entry.name) as number
      this.serverByDoc[doc] = server
      this.filterColumns.set(doc, server)
    }
    if (entries.length > 0) {
      this.orders.clear()
      this.rankings.clear()
      this.changes++
      if (!this.exhaustive) this.prepared = this.miniSearch.prepare(this.searchOptions)
    }
  }

  private ordered (sort: Exclude<SortOrder, 'relevance'>): { servers: IndexedServer[], docs: Int32Array } {
    let order = this.orders.get(sort)
    if (!order) {
      const servers = [...this.servers.values()].sort(comparators[sort])
      order = { servers, docs: Int32Array.from(servers, (server) => this.miniSearch.docOf(server.name) as number) }
      this.orders.set(sort, order)
    }
    return order
  }

  /** Every matching server (deleted ones never) in order: the text search, the filters that do not depend on the user, the sort. */
  private rank (query: string, sort: SortOrder, params: SearchParams, tag: string | undefined): Ranking {
    const keep = this.filterColumns.test({ category: params.category, official: params.official, transport: params.transport, tag })
    if (!query) {
      const { servers, docs } = this.ordered(sort === 'relevance' ? 'popularity' : sort)
      return Ranking.of(servers.filter((_, index) => keep(docs[index])))
    }
    // Without filters (and nothing deleted), every match is kept and none needs testing.
    const filtered = tag !== undefined || params.category !== undefined || params.official !== undefined || params.transport !== undefined || this.deleted > 0
    const matches = this.exhaustive ? undefined : this.miniSearch.matches(query, this.searchOptions, filtered ? keep : undefined)
    if (!matches) return Ranking.of(this.rankExhaustively(query, sort, keep))
    if (sort !== 'relevance') {
      const { servers, docs } = this.ordered(sort)
      const matched = new Uint8Array(this.serverByDoc.length)
      for (const doc of matches.docs) matched[doc] = 1
      return Ranking.of(servers.filter((_, index) => matched[docs[index]] === 1))
    }
    // MiniSearch orders by score, equal scores in the order the entries were indexed: stable for as
    // long as the catalog does not change, and a cursor carries its place across a change.
    const top = (count: number) => Array.from(this.miniSearch.top(matches, count), (doc) => this.serverByDoc[doc] as IndexedServer)
    return new Ranking(matches.docs.length, top(FIRST_PAGE), top)
  }

  /** What MiniSearch alone answers: every match scored and sorted. */
  private rankExhaustively (query: string, sort: SortOrder, keep: (doc: number) => boolean): IndexedServer[] {
    const list: IndexedServer[] = []
    for (const result of this.miniSearch.search(query, this.searchOptions)) {
      const doc = this.miniSearch.docOf(result.id) as number
      if (keep(doc)) list.push(this.serverByDoc[doc] as IndexedServer)
    }
    return sort === 'relevance' ? list : list.sort(comparators[sort])
  }

  /** The words of a query that match no listed server on their own, as the search reads them. */
  unmatchedTerms (query: string): string[] {
    const terms = new Set<string>()
    for (const token of RankedMiniSearch.getDefault('tokenize')(query) as string[]) {
      const term = normalizeTerm(token)
      if (term) terms.add(term)
    }
    const listed = this.filterColumns.test({})
    // The top-k search's match count answers this without sorting the matches; MiniSearch alone where it cannot.
    return [...terms].filter((term) => {
      const matches = this.exhaustive ? undefined : this.miniSearch.matches(term, this.searchOptions, listed)
      return matches ? matches.docs.length === 0 : !this.miniSearch.search(term, this.searchOptions).some((result) => listed(this.miniSearch.docOf(result.id) as number))
    })
  }

  /** Matching servers in the asked order, one page after the cursor. */
  search (params: SearchParams, installed: ReadonlySet<string>): SearchHits {
    const query = params.query?.trim() ?? ''
    const sort: SortOrder = params.sort ?? (query ? 'relevance' : 'popularity')
    const tag = params.tag?.toLowerCase()
    const key = JSON.stringify([query, sort, params.category, tag, params.official, params.transport])
    let ranked = this.rankings.get(key)
    if (!ranked) {
      ranked = this.rank(query, sort, params, tag)
      this.rankings.set(key, ranked)
    }
    const list = params.installed === undefined ? ranked : Ranking.of(ranked.all().filter((server) => installed.has(server.name) === params.installed))

    const definition = fingerprint([key, params.installed])
    const start = resumeAt(params.cursor, definition, (index) => list.at(index)?.name, (name) => list.indexOf(name))
    const limit = params.limit ?? 20
    const items = list.slice(start, start + limit)
    const end = start + items.length
    return {
      items,
      next_cursor: end < list.total && items.length > 0 ? encodeCursor({ f: definition, o: end, k: items[items.length - 1].name }) : null,
      total: list.total
    }
  }
}
