import { constants } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isBinary } from './files.js'
import { walk, resolveFolder } from './tree.js'
import type { WorkspacePath } from './paths.js'

export interface SearchMatch {
  path: string
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units. */
  column: number
  preview: string
}

export interface SearchResult {
  query: string
  matches: SearchMatch[]
  /** True when the result cap or the file cap stopped the search early. */
  truncated: boolean
  files_scanned: number
}

/** A search reads at most this many files, so one request cannot walk an enormous tree. */
const MAX_FILES_SCANNED = 20_000
const PREVIEW_CONTEXT = 80

function preview (line: string, index: number, length: number): string {
  const start = Math.max(0, index - PREVIEW_CONTEXT)
  const end = Math.min(line.length, index + length + PREVIEW_CONTEXT)
  return `${start > 0 ? '…' : ''}${line.slice(start, end).trim()}${end < line.length ? '…' : ''}`
}

/**
 * Case-insensitive literal search (no regular expressions, so no catastrophic patterns) through the
 * text files under `path`, skipping node_modules, .git, binary files and files above the read cap.
 */
export async function searchWorkspace (root: string, path: WorkspacePath, query: string, options: { limit: number, maxFileBytes: number }): Promise<SearchResult> {
  const folder = await resolveFolder(root, path)
  const needle = query.toLowerCase()
  const matches: SearchMatch[] = []
  let filesScanned = 0
  for await (const { entry, absolute } of walk(root, folder, 1, { maxDepth: Infinity, includeIgnored: false })) {
    if (entry.type !== 'file' || (entry.size ?? 0) > options.maxFileBytes) continue
    if (filesScanned === MAX_FILES_SCANNED) return { query, matches, truncated: true, files_scanned: filesScanned }
    filesScanned++
    const data = await readFile(absolute, { flag: constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK }).catch(() => null)
    if (!data || isBinary(data)) continue
    const lines = data.toString('utf8').split(/\r?\n/)
    for (const [index, line] of lines.entries()) {
      const column = line.toLowerCase().indexOf(needle)
      if (column === -1) continue
      if (matches.length === options.limit) return { query, matches, truncated: true, files_scanned: filesScanned }
      matches.push({ path: entry.path, line: index + 1, column: column + 1, preview: preview(line, column, needle.length) })
    }
  }
  return { query, matches, truncated: false, files_scanned: filesScanned }
}
