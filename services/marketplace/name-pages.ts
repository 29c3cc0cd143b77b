import { InvalidCursorError } from './errors.js'

/** A page of a list ordered by name; the cursor holds the last name shown, so removals never skip items. */
export function pageByName<T extends { name: string }> (items: T[], limit: number, cursor: string | undefined): { items: T[], next_cursor: string | null, total: number } {
  let start = 0
  if (cursor) {
    let after: unknown
    try {
      after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).after
    } catch {}
    if (typeof after !== 'string') throw new InvalidCursorError()
    start = items.findIndex((item) => item.name > after)
    if (start === -1) start = items.length
  }
  const page = items.slice(start, start + limit)
  const more = start + page.length < items.length
  return {
    items: page,
    next_cursor: more ? Buffer.from(JSON.stringify({ after: page[page.length - 1].name })).toString('base64url') : null,
    total: items.length
  }
}
