import type { Stats } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { NotADirectoryError } from './errors.js'
import { TEMP_SUFFIX } from './files.js'
import { mapFsError, relativeTo, resolveInside, type WorkspacePath } from './paths.js'

/** Folders a listing or search skips unless asked: they are large and rarely what a person browses. */
export const IGNORED_NAMES = new Set(['node_modules', '.git'])

export type EntryType = 'file' | 'directory' | 'symlink' | 'other'

export interface TreeEntry {
  path: string
  name: string
  type: EntryType
  /** Bytes, for files only. */
  size: number | null
  mtime: string
  /** 1 for the listed folder's own children. */
  depth: number
}

export interface Tree {
  path: string
  entries: TreeEntry[]
  truncated: boolean
}

interface WalkOptions {
  maxDepth: number
  includeIgnored: boolean
}

function typeOf (stats: Stats): EntryType {
  if (stats.isSymbolicLink()) return 'symlink'
  if (stats.isDirectory()) return 'directory'
  return stats.isFile() ? 'file' : 'other'
}

/**
 * Depth-first, folders before files, names in code-point order. Symlinks are listed but never
 * followed, so a walk cannot leave the workspace or loop. A subfolder that cannot be read is skipped;
 * the starting folder must be readable.
 */
export async function * walk (root: string, folder: string, depth: number, options: WalkOptions): AsyncGenerator<{ entry: TreeEntry, absolute: string }> {
  const names = await readdir(folder).catch((error: unknown) => {
    if (depth === 1) throw mapFsError(error, relativeTo(root, folder))
    return []
  })
  const children: Array<{ absolute: string, name: string, stats: Stats }> = []
  for (const name of names) {
    if (name.endsWith(TEMP_SUFFIX) || (!options.includeIgnored && IGNORED_NAMES.has(name))) continue
    const absolute = join(folder, name)
    // An entry may vanish between readdir and lstat; it is simply no longer there.
    const stats = await lstat(absolute).catch(() => null)
    if (stats) children.push({ absolute, name, stats })
  }
  children.sort((a, b) => Number(b.stats.isDirectory()) - Number(a.stats.isDirectory()) || (a.name < b.name ? -1 : 1))
  for (const { absolute, name, stats } of children) {
    const entry: TreeEntry = {
      path: relativeTo(root, absolute),
      name,
      type: typeOf(stats),
      size: stats.isFile() ? stats.size : null,
      mtime: stats.mtime.toISOString(),
      depth
    }
    yield { entry, absolute }
    if (entry.type === 'directory' && depth < options.maxDepth) yield * walk(root, absolute, depth + 1, options)
  }
}

/** The folder `path` resolves to, which must be inside the workspace and be a directory. */
export async function resolveFolder (root: string, path: WorkspacePath): Promise<string> {
  const folder = await resolveInside(root, path)
  const stats = await lstat(folder).catch((error: unknown) => { throw mapFsError(error, path.shown) })
  if (!stats.isDirectory()) throw new NotADirectoryError(path.shown)
  return folder
}

/** Lists a folder `depth` levels deep, at most `maxEntries` entries. */
export async function listTree (root: string, path: WorkspacePath, options: WalkOptions & { maxEntries: number }): Promise<Tree> {
  const folder = await resolveFolder(root, path)
  const entries: TreeEntry[] = []
  let truncated = false
  for await (const { entry } of walk(root, folder, 1, options)) {
    if (entries.length === options.maxEntries) {
      truncated = true
      break
    }
    entries.push(entry)
  }
  return { path: path.shown, entries, truncated }
}
