/** One entry of an imported document, turned into our catalog format (or why it could not be). */
export interface Candidate {
  /** Position in the document, for the report. */
  index: number
  name?: string
  /** Our catalog format, not yet validated; fields a registry does not know are left out. */
  raw?: Record<string, unknown>
  problem?: string
}

export type Json = Record<string, unknown>

export function isObject (value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function text (value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

export function list (value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A readable title from a registry name: io.github.acme/magic-mcp → "Magic Mcp". */
export function titleFromName (name: string): string {
  const last = name.split('/').at(-1) ?? name
  return last.split(/[-_.]+/).filter(Boolean).map((word) => word[0].toUpperCase() + word.slice(1)).join(' ') || name
}

/** The date part of an ISO timestamp, when it is one. */
export function datePart (value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value) : null
  return match?.[0]
}

/** Drops undefined fields, so "not given" stays distinguishable from a value. */
export function defined (object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}

/** A remote's transport: as declared, or guessed from an SSE-looking URL. */
export function remoteTransport (declared: unknown, url: string): string {
  if (declared === 'sse' || declared === 'streamable-http') return declared
  if (declared === 'http') return 'streamable-http'
  return /\/sse\/?(\?|$)/.test(url) ? 'sse' : 'streamable-http'
}

/**
 * A registry header input in our shape. A value with {placeholders} (`Bearer {token}`) is a format
 * for the user to fill in, so it goes into the description; a plain value is the default.
 */
function header (raw: Json): Json {
  const value = text(raw.value) ?? text(raw.default)
  const template = value?.includes('{') ? value : undefined
  const description = text(raw.description) ?? ''
  return defined({
    name: raw.name,
    description: template ? `${description}${description ? ' ' : ''}(format: ${template})` : description,
    required: raw.isRequired === true,
    secret: raw.isSecret === true,
    default: template ? undefined : value
  })
}

/** A document's remotes in our shape; the two registry formats name the transport field differently. */
export function remotesOf (value: unknown, transportField: 'type' | 'transport_type'): Json[] {
  return list(value).filter(isObject).map((remote) => defined({
    transport: remoteTransport(remote[transportField], String(remote.url)),
    url: remote.url,
    headers: Array.isArray(remote.headers) ? remote.headers.filter(isObject).map(header) : undefined
  }))
}
