import { lstat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { TEMP_SUFFIX } from './files.js'

/** chokidar's event names, kept on the wire: a client may know them already. */
export type ChangeType = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir'
const changeTypes = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir'])

export interface FileChange {
  type: ChangeType
  path: string
  size?: number
  mtime?: string
}

export interface WatchTarget {
  id: string
  ownerId: string
  directory: string
}

export interface WatchHubOptions {
  /** Changes to one path within this window are reported once, as their net effect. */
  windowMs: number
  onChange: (target: WatchTarget, change: FileChange) => void
  onError: (target: WatchTarget, error: Error) => void
}

/**
 * What a client should hear about a path after several changes in one window: a file added then
 * changed was added; added then removed never existed for the client; removed then re-added was changed.
 */
export function netChange (first: ChangeType, last: ChangeType): ChangeType | null {
  const wasAdded = first === 'add' || first === 'addDir'
  if (last === 'unlink' || last === 'unlinkDir') return wasAdded ? null : last
  if (wasAdded) return first
  return first === 'unlink' && last === 'add' ? 'change' : last
}

/**
 * Skips node_modules, temporary files of atomic writes and the inside of .git folders — except
 * their config, whose remotes the discovery agent reads.
 */
export function isIgnored (directory: string, path: string): boolean {
  if (path.endsWith(TEMP_SUFFIX)) return true
  const parts = relative(directory, path).split(sep)
  if (parts.includes('node_modules')) return true
  const git = parts.indexOf('.git')
  if (git === -1) return false
  return !(parts.length === git + 1 || (parts.length === git + 2 && parts[git + 1] === 'config'))
}

/** One workspace's chokidar watcher, shared by all its subscribers, with per-path coalescing. */
class WatchedWorkspace {
  readonly subscribers = new Set<string>()
  readonly ready: Promise<void>
  private readonly pending = new Map<string, { first: ChangeType, last: ChangeType, timer: NodeJS.Timeout }>()
  private readonly watcher: FSWatcher
  /** Settles `ready`: on chokidar's ready, or on close, so no subscriber waits for a closed watcher. */
  private markReady!: () => void
  private closed = false

  constructor (readonly target: WatchTarget, private readonly options: WatchHubOptions) {
    this.watcher = watch(target.directory, {
      ignoreInitial: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      ignored: (path: string) => isIgnored(target.directory, path)
    })
    this.ready = new Promise((resolve) => { this.markReady = resolve })
    this.watcher.once('ready', () => this.markReady())
    this.watcher.on('all', (event, path) => {
      if (changeTypes.has(event)) this.record(event as ChangeType, relative(target.directory, path).split(sep).join('/'))
    })
    this.watcher.on('error', (error) => options.onError(target, error as Error))
  }

  private record (type: ChangeType, path: string): void {
    const pending = this.pending.get(path)
    if (pending) {
      pending.last = type
      return
    }
    const timer = setTimeout(() => { this.flush(path).catch((error: Error) => this.options.onError(this.target, error)) }, this.options.windowMs)
    this.pending.set(path, { first: type, last: type, timer })
  }

  private async flush (path: string): Promise<void> {
    const pending = this.pending.get(path)
    if (!pending) return
    this.pending.delete(path)
    const type = netChange(pending.first, pending.last)
    if (!type) return
    const change: FileChange = { type, path }
    if (type !== 'unlink' && type !== 'unlinkDir') {
      // Figures of the path as it is now; a removal in the meantime arrives as its own event.
      const stats = await lstat(join(this.target.directory, path)).catch(() => null)
      if (stats?.isFile()) change.size = stats.size
      if (stats) change.mtime = stats.mtime.toISOString()
    }
    if (!this.closed) this.options.onChange(this.target, change)
  }

  async close (): Promise<void> {
    this.closed = true
    for (const { timer } of this.pending.values()) clearTimeout(timer)
    this.pending.clear()
    this.markReady()
    await this.watcher.close()
  }
}

/**
 * Watchers by workspace, counted by subscriber: the first subscriber starts a workspace's watcher,
 * the last one to leave closes it, so an unwatched workspace costs nothing.
 */
export class WatchHub {
  private readonly watched = new Map<string, WatchedWorkspace>()

  constructor (private readonly options: WatchHubOptions) {}

  /** Adds a subscriber; resolves once the watcher is ready, so any later change is reported. */
  async acquire (target: WatchTarget, subscriber: string): Promise<void> {
    let workspace = this.watched.get(target.id)
    if (!workspace) {
      workspace = new WatchedWorkspace(target, this.options)
      this.watched.set(target.id, workspace)
    }
    workspace.subscribers.add(subscriber)
    await workspace.ready
  }

  /** Removes a subscriber (unknown ones are ignored); the last one out closes the watcher. */
  async release (workspaceId: string, subscriber: string): Promise<void> {
    const workspace = this.watched.get(workspaceId)
    if (!workspace?.subscribers.delete(subscriber) || workspace.subscribers.size > 0) return
    this.watched.delete(workspaceId)
    await workspace.close()
  }

  /** Closes a workspace's watcher whoever still listens (the workspace is being deleted). */
  async closeWorkspace (workspaceId: string): Promise<void> {
    const workspace = this.watched.get(workspaceId)
    this.watched.delete(workspaceId)
    await workspace?.close()
  }

  async closeAll (): Promise<void> {
    const all = [...this.watched.values()]
    this.watched.clear()
    await Promise.all(all.map((workspace) => workspace.close()))
  }

  isWatched (workspaceId: string): boolean {
    return this.watched.has(workspaceId)
  }

  get size (): number {
    return this.watched.size
  }
}
