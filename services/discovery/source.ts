import { lstat } from 'node:fs/promises'
import type { WorkspaceService } from '../workspaces/service.js'
import type { ProjectSource } from './manifests.js'

/** A 4xx from the workspaces service (absent, not a file, too large, outside): "not there" to discovery. */
function isClientError (error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode ?? 500
  return status >= 400 && status < 500
}

async function unlessAbsent<T> (work: () => Promise<T>, absent: T): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isClientError(error) || (error as NodeJS.ErrnoException).code === 'ENOENT') return absent
    throw error
  }
}

/**
 * A workspace as the discovery agent reads it, through the workspaces service: the same
 * containment checks, size cap and binary detection as any client read.
 */
export function workspaceSource (workspaces: WorkspaceService, userId: string, workspaceId: string): ProjectSource {
  return {
    readText: async (path) => await unlessAbsent(async () => (await workspaces.readFile(userId, workspaceId, path)).content, null),
    exists: async (path) => await unlessAbsent(async () => {
      await lstat(await workspaces.resolve(userId, workspaceId, path))
      return true
    }, false),
    subfolders: async () => {
      const tree = await workspaces.tree(userId, workspaceId, { path: '', depth: 1, includeIgnored: false })
      return tree.entries.filter((entry) => entry.type === 'directory').map((entry) => entry.path)
    }
  }
}
