import type { Answer } from '../../api/client'
import type { WorkspaceChange } from '../../../../schemas/workspaces'

export type Entry = Answer<'/api/workspaces/{id}/tree', 'get'>['entries'][number]
/** A workspace's entries by path: what the tree shows, kept current by `workspace_change`. */
export type Entries = Map<string, Entry>

export interface Node {
  entry: Entry
  children: Node[]
}

const parentOf = (path: string) => path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1)
const depthOf = (path: string) => path.split('/').length

export function fromListing (entries: Entry[]): Entries {
  return new Map(entries.map((entry) => [entry.path, entry]))
}

/** The entries after one change: an entry added, changed or removed (a folder with everything in it). */
export function applyChange (entries: Entries, change: WorkspaceChange): Entries {
  const next = new Map(entries)
  const mtime = change.mtime ?? new Date().toISOString()
  switch (change.type) {
    case 'add':
    case 'change':
      next.set(change.path, { path: change.path, name: nameOf(change.path), type: 'file', size: change.size ?? null, mtime, depth: depthOf(change.path) })
      break
    case 'addDir':
      next.set(change.path, { path: change.path, name: nameOf(change.path), type: 'directory', size: null, mtime, depth: depthOf(change.path) })
      break
    default:
      for (const path of next.keys()) if (path === change.path || path.startsWith(`${change.path}/`)) next.delete(path)
  }
  // A file in a folder the listing never saw: the folders come with it.
  for (let folder = parentOf(change.path); folder && (change.type === 'add' || change.type === 'addDir') && !next.has(folder); folder = parentOf(folder)) {
    next.set(folder, { path: folder, name: nameOf(folder), type: 'directory', size: null, mtime, depth: depthOf(folder) })
  }
  return next
}

/** The entries as a tree: folders first, then by name. */
export function toTree (entries: Entries): Node[] {
  const nodes = new Map<string, Node>()
  for (const entry of entries.values()) nodes.set(entry.path, { entry, children: [] })
  const roots: Node[] = []
  for (const node of nodes.values()) {
    const parent = nodes.get(parentOf(node.entry.path))
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const order = (list: Node[]) => {
    list.sort((a, b) => Number(b.entry.type === 'directory') - Number(a.entry.type === 'directory') || a.entry.name.localeCompare(b.entry.name))
    for (const node of list) order(node.children)
    return list
  }
  return order(roots)
}
