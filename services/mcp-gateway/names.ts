import { createHash } from 'node:crypto'

/** What Claude and OpenAI accept as a tool name. */
export const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/
const HASH_LENGTH = 8
/** Between a server's name and its tool's (or prompt's). */
export const SEPARATOR = '__'

function hashOf (text: string, length = HASH_LENGTH): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length)
}

/** Accents dropped (é → e), then every character outside [A-Za-z0-9_-] an underscore. */
function sanitise (text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]/gu, '_')
}

/**
 * `wanted` as a valid name of at most `maxLength` characters. A name that had to be changed or
 * shortened gets a hash of the original, so two names never become one by being cleaned up alike.
 */
export function safeName (wanted: string, maxLength: number): string {
  const safe = sanitise(wanted)
  if (safe === wanted && safe.length > 0 && safe.length <= maxLength) return safe
  return `${safe.slice(0, maxLength - HASH_LENGTH - 1)}_${hashOf(wanted)}`
}

interface Owner {
  server: string
  item: string
}

/**
 * The names a user's clients see for the tools (or prompts) of the user's running servers:
 * `<server>__<item>`, valid and unique. A name, once given, is kept until its server stops, so a
 * client never sees a tool renamed under it; a collision (two originals that come out alike, or a
 * reserved name) is settled with a hash, the first come keeping the plain name.
 */
export class NameRegistry {
  private readonly byName = new Map<string, Owner>()
  private readonly byOwner = new Map<string, string>()

  constructor (private readonly maxLength: number, private readonly reserved: ReadonlySet<string> = new Set()) {}

  nameFor (server: string, item: string): string {
    const key = ownerKey(server, item)
    const known = this.byOwner.get(key)
    if (known) return known
    const wanted = `${server}${SEPARATOR}${item}`
    let name = safeName(wanted, this.maxLength)
    for (let attempt = 1; this.byName.has(name) || this.reserved.has(name); attempt++) {
      name = `${sanitise(wanted).slice(0, this.maxLength - HASH_LENGTH - 1)}_${hashOf(`${key}#${attempt}`)}`
    }
    this.byName.set(name, { server, item })
    this.byOwner.set(key, name)
    return name
  }

  /** Which server's item an exposed name is; undefined for a name not given (or given back). */
  resolve (name: string): Owner | undefined {
    return this.byName.get(name)
  }

  /** Gives back every name of a server that stopped. */
  release (server: string): void {
    for (const [name, owner] of this.byName) {
      if (owner.server !== server) continue
      this.byName.delete(name)
      this.byOwner.delete(ownerKey(owner.server, owner.item))
    }
  }

  get size (): number {
    return this.byName.size
  }
}

function ownerKey (server: string, item: string): string {
  return `${server}\u0000${item}`
}
