import { EventEmitter } from 'node:events'
import { mkdir, realpath, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../plugins/db.js'
import { InvalidContentError } from './errors.js'
import {
  deleteWorkspaceEntry, moveWorkspaceEntry, readWorkspaceFile, writeWorkspaceFile,
  type ContentEncoding, type FileContent, type WrittenFile
} from './files.js'
import { parseWorkspacePath, resolveInside } from './paths.js'
import { searchWorkspace, type SearchResult } from './search.js'
import { WorkspaceStore, type WorkspaceRecord } from './store.js'
import { listTree, type Tree } from './tree.js'
import { WatchHub, type FileChange } from './watcher.js'

export interface Workspace {
  id: string
  name: string
  created_at: string
}

export interface WorkspaceChangeEvent extends FileChange {
  workspace_id: string
  owner_id: string
}

export interface WorkspaceEvents {
  /** A file or folder changed in a watched workspace (coalesced; never contents). */
  change: [WorkspaceChangeEvent]
  /** A workspace is gone; whoever holds something in it should let go. */
  deleted: [{ workspace_id: string, owner_id: string }]
}

export interface WorkspaceLimits {
  maxReadBytes: number
  maxWriteBytes: number
  searchMaxResults: number
  changeWindowMs: number
}

/** A listing returns at most this many entries; deeper trees are fetched folder by folder. */
const TREE_MAX_ENTRIES = 5000
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function toWorkspace (record: WorkspaceRecord): Workspace {
  return { id: record.id, name: record.name, created_at: record.created_at }
}

function decodeContent (content: string, encoding: ContentEncoding): Buffer {
  if (encoding === 'base64' && (content.length % 4 !== 0 || !BASE64.test(content))) throw new InvalidContentError()
  return Buffer.from(content, encoding)
}

/**
 * Users' workspaces: folders under `<dataDir>/workspaces/<id>` owned by one user each. Every path a
 * caller gives is checked to stay inside its workspace; another user's workspace is "not found".
 */
export class WorkspaceService {
  readonly events = new EventEmitter<WorkspaceEvents>()
  private readonly store: WorkspaceStore
  private readonly hub: WatchHub

  private constructor (db: Db, private readonly root: string, private readonly limits: WorkspaceLimits, onWatchError: (error: Error, workspaceId: string) => void) {
    this.store = new WorkspaceStore(db)
    this.hub = new WatchHub({
      windowMs: limits.changeWindowMs,
      onChange: (target, change) => this.events.emit('change', { workspace_id: target.id, owner_id: target.ownerId, ...change }),
      onError: (target, error) => onWatchError(error, target.id)
    })
  }

  /** Creates the workspaces folder if needed; its real path anchors every containment check. */
  static async open (db: Db, dataDir: string, limits: WorkspaceLimits, onWatchError: (error: Error, workspaceId: string) => void): Promise<WorkspaceService> {
    const root = join(dataDir, 'workspaces')
    await mkdir(root, { recursive: true })
    return new WorkspaceService(db, await realpath(root), limits, onWatchError)
  }

  async create (userId: string, name: string): Promise<Workspace> {
    const record = await this.store.create(userId, name)
    try {
      await mkdir(join(this.root, record.id))
    } catch (error) {
      await this.store.remove(userId, record.id)
      throw error
    }
    return toWorkspace(record)
  }

  async list (userId: string, page: { limit?: number, cursor?: string } = {}): Promise<{ items: Workspace[], next_cursor: string | null, total: number }> {
    const result = await this.store.list(userId, page)
    return { ...result, items: result.items.map(toWorkspace) }
  }

  async get (userId: string, id: string): Promise<Workspace> {
    return toWorkspace(await this.store.get(userId, id))
  }

  /** The workspace's real absolute folder, created again if something removed it. */
  async directory (userId: string, id: string): Promise<string> {
    await this.store.get(userId, id)
    const folder = join(this.root, id)
    await mkdir(folder, { recursive: true })
    return await realpath(folder)
  }

  /** An absolute path guaranteed inside the workspace (symlinks followed); 400/403 otherwise. */
  async resolve (userId: string, id: string, relativePath: string): Promise<string> {
    const path = parseWorkspacePath(relativePath)
    return await resolveInside(await this.directory(userId, id), path)
  }

  async remove (userId: string, id: string): Promise<void> {
    await this.store.get(userId, id)
    await this.hub.closeWorkspace(id)
    await this.store.remove(userId, id)
    await rm(join(this.root, id), { recursive: true, force: true })
    this.events.emit('deleted', { workspace_id: id, owner_id: userId })
  }

  async tree (userId: string, id: string, options: { path: string, depth: number, includeIgnored: boolean }): Promise<Tree> {
    const path = parseWorkspacePath(options.path)
    return await listTree(await this.directory(userId, id), path, { maxDepth: options.depth, includeIgnored: options.includeIgnored, maxEntries: TREE_MAX_ENTRIES })
  }

  async readFile (userId: string, id: string, relativePath: string, encoding: ContentEncoding = 'utf8'): Promise<FileContent> {
    const path = parseWorkspacePath(relativePath)
    return await readWorkspaceFile(await this.directory(userId, id), path, { maxBytes: this.limits.maxReadBytes, encoding })
  }

  async writeFile (userId: string, id: string, relativePath: string, content: string, encoding: ContentEncoding = 'utf8'): Promise<WrittenFile> {
    const path = parseWorkspacePath(relativePath)
    const data = decodeContent(content, encoding)
    return await writeWorkspaceFile(await this.directory(userId, id), path, data, { maxBytes: this.limits.maxWriteBytes })
  }

  async deleteEntry (userId: string, id: string, relativePath: string, recursive = false): Promise<void> {
    const path = parseWorkspacePath(relativePath)
    await deleteWorkspaceEntry(await this.directory(userId, id), path, { recursive })
  }

  async move (userId: string, id: string, from: string, to: string, overwrite = false): Promise<{ from: string, to: string }> {
    const source = parseWorkspacePath(from)
    const destination = parseWorkspacePath(to)
    await moveWorkspaceEntry(await this.directory(userId, id), source, destination, { overwrite })
    return { from: source.shown, to: destination.shown }
  }

  async search (userId: string, id: string, query: string, options: { path?: string, limit?: number } = {}): Promise<SearchResult> {
    const path = parseWorkspacePath(options.path ?? '')
    const limit = Math.min(options.limit ?? this.limits.searchMaxResults, this.limits.searchMaxResults)
    return await searchWorkspace(await this.directory(userId, id), path, query, { limit, maxFileBytes: this.limits.maxReadBytes })
  }

  /**
   * Starts reporting changes in the user's workspace for `subscriber` (a socket id, say); resolves
   * once the watcher is ready. The first subscriber starts the watcher.
   */
  async watch (userId: string, id: string, subscriber: string): Promise<void> {
    // directory() answers 404 unless the user owns the workspace, so the user is its owner.
    await this.hub.acquire({ id, ownerId: userId, directory: await this.directory(userId, id) }, subscriber)
  }

  /** Stops reporting for `subscriber`; the last one to leave closes the watcher. */
  async unwatch (id: string, subscriber: string): Promise<void> {
    await this.hub.release(id, subscriber)
  }

  isWatched (id: string): boolean {
    return this.hub.isWatched(id)
  }

  /** How many workspaces are being watched (have at least one subscriber). */
  get watchedCount (): number {
    return this.hub.size
  }

  async close (): Promise<void> {
    await this.hub.closeAll()
  }
}
