import { TypeCompiler } from '@sinclair/typebox/compiler'
import { CatalogEnvelope } from '../../../schemas/catalog.js'
import type { ImportReport } from '../../../schemas/marketplace.js'
import { CatalogFormatError } from '../errors.js'
import { isObject, text, type Candidate } from './common.js'
import { fromLegacy } from './legacy.js'
import { fromServerJson } from './server-json.js'

export type ImportFormat = ImportReport['format']

export interface ParsedDocument {
  format: ImportFormat
  candidates: Candidate[]
}

const checkEnvelope = TypeCompiler.Compile(CatalogEnvelope)

const ACCEPTED = 'expected an MCP Registry list ({servers: [{server, _meta}], metadata}), an array of server.json objects, ' +
  'the registry\'s legacy seed (an array with version_detail and registry_name) or a Podplay catalog ({version, last_updated, description, servers})'

function isLegacy (entry: unknown): boolean {
  if (!isObject(entry)) return false
  return 'version_detail' in entry || (Array.isArray(entry.packages) && entry.packages.some((pkg) => isObject(pkg) && 'registry_name' in pkg))
}

function ownCatalog (document: Record<string, unknown>): ParsedDocument {
  const error = checkEnvelope.Errors(document).First()
  if (error) throw new CatalogFormatError(`catalog ${error.path.slice(1) || '(document)'}: ${error.message}`)
  const servers = document.servers as unknown[]
  if (document.total_servers !== undefined && document.total_servers !== servers.length) {
    throw new CatalogFormatError(`catalog total_servers: says ${document.total_servers} but the file lists ${servers.length} servers`)
  }
  return {
    format: 'podplay-catalog',
    candidates: servers.map((raw, index) => isObject(raw)
      ? { index, name: text(raw.name), raw }
      : { index, problem: '(entry): expected an object' })
  }
}

/** Recognises which of the four accepted formats a document is, and splits it into entries. */
export function parseDocument (document: unknown): ParsedDocument {
  if (Array.isArray(document)) {
    if (document.some(isLegacy)) return { format: 'legacy-seed', candidates: document.map(fromLegacy) }
    return { format: 'server-json', candidates: document.map((server, index) => fromServerJson(server, index)) }
  }
  if (!isObject(document) || !Array.isArray(document.servers)) throw new CatalogFormatError(`Unrecognised catalog document: ${ACCEPTED}`)
  const first = document.servers.find(isObject)
  if (first && isObject(first.server)) {
    return {
      format: 'registry-list',
      candidates: document.servers.map((item, index) => isObject(item)
        ? fromServerJson(item.server, index, item._meta)
        : { index, problem: '(entry): expected {server, _meta}' })
    }
  }
  if ('version' in document || 'last_updated' in document) return ownCatalog(document)
  if (document.servers.length === 0) return { format: 'registry-list', candidates: [] }
  throw new CatalogFormatError(`Unrecognised catalog document: ${ACCEPTED}`)
}
