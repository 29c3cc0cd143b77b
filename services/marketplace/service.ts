import { EventEmitter } from 'node:events'
import type { Db } from '../../plugins/db.js'
import type { ClientConfig, ClientName, ImportReport, InstallBody, McpInstall, McpServer, SearchQuery, UpdateInstallBody } from '../../schemas/marketplace.js'
import { Catalog, type SearchPage } from './catalog.js'
import type { CategoryHint } from './category-hints.js'
import { clientConfig } from './client-config.js'
import { NotInstallableError, NotInstalledError, AlreadyInstalledError } from './errors.js'
import type { ImportOptions } from './importer.js'
import { checkInstallValues, missingValues, neededValues, type NeededValue } from './install-values.js'
import { InstallStore, type StoredInstall } from './installs.js'
import { buildLaunchSpec, launchTarget, type LaunchSpec, type LaunchTarget } from './launch.js'
import { pageByName } from './name-pages.js'
import { SecretBox } from './secrets.js'

export interface InstallEvent {
  user_id: string
  name: string
}

export interface MarketplaceEvents {
  installed: [InstallEvent]
  updated: [InstallEvent]
  uninstalled: [InstallEvent]
}

export interface MarketplaceOptions {
  db: Db
  dataDir: string
  secretKey?: string
  catalogPath: string
}

/** Values with changes applied: a new value replaces, null removes, an unnamed key stays. */
function mergeValues<T> (current: Record<string, T>, changes: Record<string, T | null> = {}): Record<string, T> {
  const merged = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  return merged
}

function transportOf (target: LaunchTarget | undefined): McpInstall['transport'] {
  if (!target) return undefined
  return target.kind === 'remote' ? target.remote.transport : 'stdio'
}

/**
 * The MCP marketplace: the catalog and its search, imports, and each user's installs with their
 * values (secrets sealed). The MCP runtime gets what to run from launchSpec.
 */
export class MarketplaceService {
  readonly events = new EventEmitter<MarketplaceEvents>()

  private constructor (readonly catalog: Catalog, private readonly installs: InstallStore, readonly loadReport: ImportReport) {}

  static async open (options: MarketplaceOptions): Promise<MarketplaceService> {
    const box = await SecretBox.open(options)
    const catalog = new Catalog(options.db)
    const report = await catalog.load(options.catalogPath)
    return new MarketplaceService(catalog, new InstallStore(options.db, box), report)
  }

  async search (params: Omit<SearchQuery, 'limit'> & { limit?: number }, userId: string) {
    return this.catalog.search(params, await this.installs.namesFor(userId))
  }

  async getServer (name: string, userId?: string): Promise<McpServer> {
    return this.catalog.detail(name, userId ? await this.installs.namesFor(userId) : new Set())
  }

  categories () {
    return this.catalog.categories()
  }

  /**
   * What a search missed: the words no server matches, and the categories closest to them; when it
   * found nothing at all and no category is close either, the fullest categories, as somewhere to start.
   */
  searchMisses (query: string, found: number, limit: number): { unmatched_words: string[], closest_categories: CategoryHint[] } {
    const unmatched = this.catalog.index.unmatchedTerms(query)
    const closest = unmatched.length > 0 ? this.catalog.closestCategories(unmatched.join(' '), limit, found === 0) : []
    return { unmatched_words: unmatched, closest_categories: closest }
  }

  /** What installing a server takes: whether it can be installed here and the values it must be given. */
  installNeeds (name: string): { installable: boolean, not_installable_reason?: string, needs: NeededValue[] } {
    const server = this.catalog.server(name)
    const reason = server.notInstallableReason
    return { installable: server.installable, ...(reason ? { not_installable_reason: reason } : {}), needs: neededValues(launchTarget(server.entry)) }
  }

  /** The validators of catalog reads (ETags): a search page, one server, the categories. */
  searchVersion (page: Readonly<SearchPage>): string {
    return this.catalog.pageVersion(page)
  }

  serverVersion (server: McpServer): string {
    return this.catalog.serverVersion(server)
  }

  categoriesVersion (): string {
    return this.catalog.categoriesVersion()
  }

  async trending (limit: number, userId?: string) {
    const [recent, installed] = await Promise.all([
      this.installs.countsSince(Catalog.trendingSince()),
      userId ? this.installs.namesFor(userId) : new Set<string>()
    ])
    return this.catalog.trending(limit, recent, installed)
  }

  async recommendations (userId: string, projectType: string) {
    return this.catalog.recommendations(projectType, await this.installs.namesFor(userId))
  }

  async importCatalog (document: unknown, options: Omit<ImportOptions, 'strict'> = {}): Promise<ImportReport> {
    return await this.catalog.import(document, options)
  }

  async install (userId: string, name: string, body: InstallBody = {}): Promise<McpInstall> {
    const server = this.catalog.server(name)
    if (server.notInstallableReason) throw new NotInstallableError(server.notInstallableReason)
    const target = launchTarget(server.entry)
    const values = checkInstallValues(name, target, body)
    if (await this.installs.find(userId, name)) throw new AlreadyInstalledError(name)
    const stored = await this.installs.insert(userId, name, values, body.auto_restart ?? false)
    this.events.emit('installed', { user_id: userId, name })
    return this.view(stored)
  }

  /**
   * Changes an install's values (null removes one; those not named keep theirs, secrets included)
   * or its restart setting. The merged values are checked as an install's are; a running server
   * gets them at its next start.
   */
  async updateInstall (userId: string, name: string, body: UpdateInstallBody): Promise<McpInstall> {
    const install = await this.owned(userId, name)
    const server = this.catalog.server(name)
    const current = this.installs.values(install)
    const merged = {
      env: mergeValues(current.env, body.env),
      arguments: mergeValues(current.arguments, body.arguments),
      headers: mergeValues(current.headers, body.headers)
    }
    const values = checkInstallValues(name, launchTarget(server.entry), merged)
    const stored = await this.installs.update(userId, name, values, body.auto_restart ?? install.auto_restart)
    if (!stored) throw new NotInstalledError(name)
    this.events.emit('updated', { user_id: userId, name })
    return this.view(stored)
  }

  async uninstall (userId: string, name: string): Promise<void> {
    if (!await this.installs.remove(userId, name)) throw new NotInstalledError(name)
    this.events.emit('uninstalled', { user_id: userId, name })
  }

  async listInstalled (userId: string): Promise<McpInstall[]> {
    return (await this.installs.list(userId)).map((install) => this.view(install))
  }

  /** The user's installs a page at a time, by name. */
  async pageInstalled (userId: string, limit: number, cursor?: string) {
    return pageByName(await this.listInstalled(userId), limit, cursor)
  }

  async getInstall (userId: string, name: string): Promise<McpInstall> {
    return this.view(await this.owned(userId, name))
  }

  /** What to run for a user's install, secrets opened; 422 when the entry can no longer be run as installed. */
  async launchSpec (userId: string, name: string): Promise<LaunchSpec> {
    const { install, target } = await this.runnable(userId, name)
    return buildLaunchSpec(target, this.installs.values(install))
  }

  /** The configuration JSON a client expects; secrets are placeholders unless asked for. */
  async clientConfig (userId: string, name: string, client: ClientName, includeSecrets = false): Promise<ClientConfig> {
    const { install, target } = await this.runnable(userId, name)
    const values = includeSecrets ? this.installs.values(install) : install.plain
    return clientConfig({ client, name, target, values, secretNames: install.secret_names, includeSecrets })
  }

  close (): void {
    this.events.removeAllListeners()
  }

  private async owned (userId: string, name: string): Promise<StoredInstall> {
    const install = await this.installs.find(userId, name)
    if (!install) throw new NotInstalledError(name)
    return install
  }

  private async runnable (userId: string, name: string): Promise<{ install: StoredInstall, target: LaunchTarget }> {
    const install = await this.owned(userId, name)
    const server = this.catalog.server(name)
    const target = launchTarget(server.entry)
    if (server.notInstallableReason || !target) throw new NotInstallableError(server.notInstallableReason as string)
    // The catalog entry may have changed since the install: a newly required value stops the launch.
    const missing = missingValues(target, this.installs.values(install))
    if (missing.length > 0) throw new NotInstallableError(`${name} now needs values for: ${missing.join(', ')}; uninstall it and install it again with them`)
    return { install, target }
  }

  private view (install: StoredInstall): McpInstall {
    const { entry } = this.catalog.server(install.name)
    const transport = transportOf(launchTarget(entry))
    return {
      name: entry.name,
      title: entry.title,
      category: entry.category,
      server_status: entry.status,
      ...(transport ? { transport } : {}),
      installed_at: install.installed_at,
      updated_at: install.updated_at,
      auto_restart: install.auto_restart,
      env: install.plain.env,
      arguments: install.plain.arguments,
      headers: install.plain.headers,
      secrets_set: install.secret_names
    }
  }
}
