import { hash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { LRUCache } from 'lru-cache'
import { categoryNames } from '../../schemas/catalog.js'
import type { CategoriesResponse, McpRecommendation, McpServer, McpServerSummary, ImportReport } from '../../schemas/marketplace.js'
import { CategoryFinder, type CategoryHint } from './category-hints.js'
import { CatalogFormatError, CatalogLoadError, ServerNotFoundError } from './errors.js'
import { importDocument, StrictImportError, type ImportOptions } from './importer.js'
import { categoriesFor, categoryLabels, MAX_RECOMMENDATIONS, PER_CATEGORY, recommendationReason } from './recommendations.js'
import type { IndexedServer } from './indexed-server.js'
import { CatalogIndex, type SearchParams } from './search-index.js'
import { CatalogStore } from './store.js'
import type { Db } from '../../plugins/db.js'
import { version } from '../../plugins/version.js'

const TRENDING_WINDOW_MS = 30 * 24 * 3600 * 1000
const CATEGORY_EXAMPLES = 3
/** How many recent search pages are remembered, all readers together. */
const PAGES_REMEMBERED = 1000

/** A page of search results as GET /api/mcp/servers answers it. */
export interface SearchPage {
  items: McpServerSummary[]
  next_cursor: string | null
  total: number
}

/** The catalog: stored in the database, searched in memory, extended by imports. */
export class Catalog {
  readonly index = new CatalogIndex()
  private readonly categoryFinder = new CategoryFinder()
  private readonly store: CatalogStore
  /** Imports and refreshes run one at a time, so each one decides against what the previous one wrote. */
  private chain: Promise<unknown> = Promise.resolve()
  /** The latest row write the index has seen. */
  private seenUntil = ''
  private categoryCounts?: { generation: number, counts: CategoriesResponse, version: string }
  /**
   * Recent pages by what decides them: the search, the catalog's generation and the reader's
   * installed names. A reader's names are one set until they change (installs.ts replaces it), so
   * the set stands for them, by a number given to it on first sight: a client paging or polling
   * gets the same page object again, and so its validator (versionOf) and its JSON are worked out
   * once.
   */
  private readonly recentPages = new LRUCache<string, Readonly<SearchPage>>({ max: PAGES_REMEMBERED })
  private readonly installedSetIds = new WeakMap<ReadonlySet<string>, number>()
  private nextInstalledSetId = 0
  /** Validators already worked out, by the page or server they describe (both fixed once built). */
  private readonly versions = new WeakMap<object, string>()

  constructor (db: Db) {
    this.store = new CatalogStore(db)
  }

  /** Upserts the catalog file (a bad entry stops the start with a message naming it), then indexes every stored entry. */
  async load (file: string): Promise<ImportReport> {
    let document: unknown
    try {
      document = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      throw new CatalogLoadError(file, (error as Error).message)
    }
    let report: ImportReport
    try {
      report = await importDocument(this.store, document, { strict: true })
    } catch (error) {
      if (error instanceof StrictImportError || error instanceof CatalogFormatError) throw new CatalogLoadError(file, error.message)
      throw error
    }
    await this.reindexChanges()
    return report
  }

  private serially<T> (work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work)
    this.chain = run.catch(() => undefined)
    return run
  }

  private async reindexChanges (): Promise<number> {
    const { entries, latest } = await this.store.changedSince(this.seenUntil)
    this.index.upsert(entries)
    this.seenUntil = latest
    return entries.length
  }

  async import (document: unknown, options: Omit<ImportOptions, 'strict'> = {}): Promise<ImportReport> {
    return await this.serially(async () => {
      const report = await importDocument(this.store, document, options)
      await this.reindexChanges()
      return report
    })
  }

  /** Indexes rows another process wrote (the command line's import, another instance); returns how many. */
  async refresh (): Promise<number> {
    return await this.serially(() => this.reindexChanges())
  }

  search (params: SearchParams, installed: ReadonlySet<string>): Readonly<SearchPage> {
    let setId = this.installedSetIds.get(installed)
    if (setId === undefined) {
      setId = this.nextInstalledSetId++
      this.installedSetIds.set(installed, setId)
    }
    const key = `${setId}\n${this.index.generation}\n${JSON.stringify(params)}`
    let page = this.recentPages.get(key)
    if (page === undefined) {
      const hits = this.index.search(params, installed)
      page = { items: hits.items.map((server) => server.summaryFor(installed)), next_cursor: hits.next_cursor, total: hits.total }
      this.recentPages.set(key, page)
    }
    return page
  }

  /** The server with exactly this name (never a near match); deleted ones too, marked as such. */
  server (name: string): IndexedServer {
    const server = this.index.get(name)
    if (!server) throw new ServerNotFoundError(name)
    return server
  }

  detail (name: string, installed: ReadonlySet<string>): McpServer {
    return this.server(name).detailFor(installed)
  }

  /**
   * A validator (an ETag's value) of what a reader was shown: the app's version, each server's
   * revision and installed mark, and `context` (a page's total and cursor). It changes whenever
   * the answer would, and is the same on every instance sharing the catalog.
   */
  private versionOf (items: ReadonlyArray<{ name: string, installed: boolean }>, context: string): string {
    let text = `${version}\n${context}`
    for (const item of items) text += `\n${item.name}\n${this.index.get(item.name)?.revision ?? ''}\n${item.installed ? 1 : 0}`
    // One call, no Hash object: this runs on every catalog read that is not remembered.
    return hash('sha1', text, 'base64url')
  }

  /** The validator of a search page: the same page object (see `search`) has the same one. */
  pageVersion (page: Readonly<SearchPage>): string {
    return this.remembered(page, () => this.versionOf(page.items, `page\n${page.total}\n${page.next_cursor}`))
  }

  /** The validator of a server's detail, which is built once per entry and installed mark. */
  serverVersion (server: McpServer): string {
    return this.remembered(server, () => this.versionOf([server], 'server'))
  }

  private remembered (described: object, work: () => string): string {
    let validator = this.versions.get(described)
    if (validator === undefined) {
      validator = work()
      this.versions.set(described, validator)
    }
    return validator
  }

  categories (): CategoriesResponse {
    return this.countCategories().counts
  }

  /** The validator of the categories' answer. */
  categoriesVersion (): string {
    return this.countCategories().version
  }

  private countCategories () {
    if (this.categoryCounts?.generation !== this.index.generation) {
      const counts = new Map<string, number>()
      let total = 0
      for (const server of this.index.all()) {
        if (server.status === 'deleted') continue
        counts.set(server.category, (counts.get(server.category) ?? 0) + 1)
        total++
      }
      const answer = {
        categories: categoryNames.map((name) => ({ name, label: categoryLabels[name], count: counts.get(name) ?? 0 })),
        total_servers: total
      }
      const digest = hash('sha1', `${version}\n${JSON.stringify(answer)}`, 'base64url')
      this.categoryCounts = { generation: this.index.generation, counts: answer, version: digest }
    }
    return this.categoryCounts
  }

  /**
   * The categories closest to words no server matched (else, when asked, the fullest ones), each
   * with its most popular servers; empty categories are never offered.
   */
  closestCategories (query: string, limit: number, orFullest: boolean): CategoryHint[] {
    const listed = this.categories().categories.filter((category) => category.count > 0)
    const close = this.categoryFinder.closest(query).flatMap((name) => listed.filter((category) => category.name === name))
    const picked = close.length > 0 || !orFullest ? close : [...listed].sort((a, b) => b.count - a.count)
    return picked.slice(0, limit).map((category) => ({
      ...category,
      examples: this.index.search({ sort: 'popularity', category: category.name, limit: CATEGORY_EXAMPLES }, new Set()).items.map((server) => server.name)
    }))
  }

  /** Active servers ordered by installs in the last 30 days, then popularity. */
  trending (limit: number, recentInstalls: ReadonlyMap<string, number>, installed: ReadonlySet<string>) {
    const recent = (server: IndexedServer) => recentInstalls.get(server.name) ?? 0
    return this.index.search({ sort: 'popularity', limit: this.index.size || 1 }, installed).items
      .filter((server) => server.status === 'active')
      .sort((a, b) => recent(b) - recent(a))
      .slice(0, limit)
      .map((server) => ({ ...server.summaryFor(installed), recent_installs: recent(server) }))
  }

  /** The original's mapping: the top active, installable servers of each category the project needs, minus installed ones. */
  recommendations (projectType: string, installed: ReadonlySet<string>) {
    const categories = categoriesFor(projectType)
    const servers: McpRecommendation[] = []
    for (const category of categories) {
      const { items } = this.index.search({ sort: 'popularity', category, installed: false, limit: this.index.size || 1 }, installed)
      const picks = items.filter((server) => server.status === 'active' && server.installable).slice(0, PER_CATEGORY)
      servers.push(...picks.map((server) => ({ ...server.summaryFor(installed), reason: recommendationReason(category, projectType) })))
    }
    return { project_type: projectType, categories, servers: servers.slice(0, MAX_RECOMMENDATIONS) }
  }

  static trendingSince (now = Date.now()): string {
    return new Date(now - TRENDING_WINDOW_MS).toISOString()
  }
}
