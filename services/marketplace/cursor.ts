import { hash } from 'node:crypto'
import { InvalidCursorError } from './errors.js'

/**
 * An opaque page cursor: the order and a fingerprint of the search it belongs to, the offset of
 * the next item and the name of the last one returned. The name keeps a walk stable when the
 * catalog changes between pages: the next page starts after that server wherever it now stands.
 */
interface CursorState {
  /** fingerprint of the order and filters */
  f: string
  /** offset of the next item */
  o: number
  /** name of the last item returned */
  k: string
}

/** A short digest of what defines a result list; a cursor is only valid for the same list. */
export function fingerprint (definition: unknown): string {
  return hash('sha256', JSON.stringify(definition), 'base64url').slice(0, 16)
}

export function encodeCursor (state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url')
}

function decode (cursor: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState
    if (typeof state.f === 'string' && Number.isInteger(state.o) && state.o >= 0 && typeof state.k === 'string') return state
  } catch {}
  throw new InvalidCursorError()
}

/** Where the page after the cursor starts in `names` (the current result list, in order). */
export function resumeAt (cursor: string | undefined, expectedFingerprint: string, nameAt: (index: number) => string | undefined, indexOf: (name: string) => number): number {
  if (!cursor) return 0
  const state = decode(cursor)
  if (state.f !== expectedFingerprint) throw new InvalidCursorError()
  if (nameAt(state.o - 1) === state.k) return state.o
  const moved = indexOf(state.k)
  return moved === -1 ? state.o : moved + 1
}
