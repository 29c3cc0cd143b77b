import { readFile } from 'node:fs/promises'
import type { Db } from '../../plugins/db.js'
import type { ImportReport } from '../../schemas/marketplace.js'
import { CatalogFormatError } from './errors.js'
import { importDocument, type ImportProgress } from './importer.js'
import { CatalogStore } from './store.js'

/**
 * Imports a catalog file straight into the database (the command line's `catalog import`). A
 * running server indexes the new rows within its refresh interval.
 */
export async function importCatalogFile (db: Db, file: string, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport> {
  let document: unknown
  try {
    document = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new CatalogFormatError(`${file}: ${(error as Error).message}`)
  }
  return await importDocument(new CatalogStore(db), document, { onProgress })
}

/** The report as lines for a terminal. */
export function describeReport (report: ImportReport): string[] {
  return [
    `${report.format}: ${report.total} entries — ${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
    ...report.rejected.map((rejection) => `  rejected entry ${rejection.index}${rejection.name ? ` (${rejection.name})` : ''}: ${rejection.reason}`)
  ]
}
