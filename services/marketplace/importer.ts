import type { CatalogServer } from '../../schemas/catalog.js'
import type { ImportReport } from '../../schemas/marketplace.js'
import { parseDocument } from './formats/detect.js'
import type { Candidate } from './formats/common.js'
import { inferCategory } from './infer-category.js'
import type { CatalogStore, EntryWrite } from './store.js'
import { entryLabel, validateEntry, type CatalogEntry } from './validate.js'
import { compareVersions } from './versions.js'

export interface ImportProgress {
  phase: 'checking' | 'writing'
  done: number
  total: number
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  /** Refuse the whole document at its first bad entry (the catalog file at start) instead of reporting it. */
  strict?: boolean
}

/** Directory fields that registries do not publish: an entry that leaves them out keeps the stored ones. */
const CURATED_FIELDS = ['tags', 'capabilities', 'popularity_score', 'is_official', 'author'] as const

const YIELD_EVERY = 500

/** Stops a strict import; the message names the entry and the field. */
export class StrictImportError extends Error {}

/** JSON with sorted keys, so two entries compare equal whatever order their fields were written in. */
function canonical (value: unknown): string {
  return JSON.stringify(value, (_key, item) => (typeof item === 'object' && item !== null && !Array.isArray(item))
    ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
    : item)
}

function today (): string {
  return new Date().toISOString().slice(0, 10)
}

/** Our-format fields filled from what is stored, and a category inferred when none is known. */
function complete (raw: Record<string, unknown>, stored: CatalogEntry | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...raw }
  for (const field of CURATED_FIELDS) {
    if (merged[field] === undefined && stored?.[field] !== undefined) merged[field] = stored[field]
  }
  if (merged.category === undefined && stored) {
    merged.category = stored.category
    merged.category_inferred = stored.category_inferred
  }
  merged.last_updated ??= stored?.last_updated ?? today()
  return merged
}

function withCategory (entry: CatalogServer): CatalogEntry {
  if (entry.category) return { ...entry, category: entry.category, category_inferred: entry.category_inferred ?? false }
  return { ...entry, category: inferCategory([entry.name, entry.title, entry.description, ...entry.tags]), category_inferred: true }
}

/**
 * Imports a catalog document of any accepted format. Every entry is checked on its own; good
 * ones are inserted or updated (a newer version replaces an older one; an older one changes
 * nothing), bad ones are reported. All writes happen in one transaction.
 */
export async function importDocument (store: CatalogStore, document: unknown, options: ImportOptions = {}): Promise<ImportReport> {
  const { format, candidates } = parseDocument(document)
  const stored = await store.findMany([...new Set(candidates.map((candidate) => candidate.name).filter((name) => name !== undefined))])
  const report: ImportReport = { format, total: candidates.length, imported: 0, updated: 0, unchanged: 0, rejected: [] }
  const current = new Map(stored)
  const pending = new Map<string, CatalogEntry>()
  const seen = new Set<string>()

  const reject = (candidate: Candidate, reason: string) => {
    if (options.strict) throw new StrictImportError(`${entryLabel(candidate.index, candidate.name)}: ${reason}`)
    report.rejected.push({ index: candidate.index, ...(candidate.name ? { name: candidate.name } : {}), reason })
  }

  for (const candidate of candidates) {
    options.onProgress?.({ phase: 'checking', done: candidate.index + 1, total: candidates.length })
    // A large document is checked in slices, so a running server keeps answering meanwhile.
    if (candidate.index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve))
    if (!candidate.raw) {
      reject(candidate, candidate.problem ?? 'unreadable entry')
      continue
    }
    const previous = candidate.name === undefined ? undefined : current.get(candidate.name)
    const checked = validateEntry(complete(candidate.raw, previous))
    if ('problem' in checked) {
      reject(candidate, checked.problem)
      continue
    }
    const entry = withCategory(checked.entry)
    if (options.strict && seen.has(entry.name)) reject(candidate, `name: ${entry.name} appears twice in the file`)
    seen.add(entry.name)
    if (!previous) {
      report.imported++
    } else if ((entry.version && previous.version && compareVersions(entry.version, previous.version) < 0) || canonical(entry) === canonical(previous)) {
      report.unchanged++
      continue
    } else {
      report.updated++
    }
    current.set(entry.name, entry)
    pending.set(entry.name, entry)
  }

  const writes: EntryWrite[] = [...pending.values()].map((entry) => ({ entry, source: format }))
  await store.write(writes, (done) => options.onProgress?.({ phase: 'writing', done, total: writes.length }))
  return report
}
