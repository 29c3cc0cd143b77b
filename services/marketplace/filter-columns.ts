import { categoryNames, type Category } from '../../schemas/catalog.js'
import type { SearchQuery } from '../../schemas/marketplace.js'
import type { IndexedServer } from './indexed-server.js'

type Transport = IndexedServer['transports'][number]
export type Filters = Pick<SearchQuery, 'category' | 'official' | 'transport'> & { tag?: string }

const LISTED = 1
const OFFICIAL = 2
const transportBits: Record<Transport, number> = { stdio: 4, 'streamable-http': 8, sse: 16 }
/** From 1: 0 stands for no category filter. */
const categoryCodes = Object.fromEntries(categoryNames.map((name, index) => [name, index + 1])) as Record<Category, number>

/**
 * What the search filters test, by the search index's short id, in typed arrays: a word in half
 * the catalog brings thousands of matches to test, and reading two bytes each costs far less than
 * comparing strings on each server (about a millisecond for 5,000 matches).
 */
export class FilterColumns {
  private flags = new Uint8Array(0)
  private categories = new Uint8Array(0)

  constructor (private readonly serverByDoc: ReadonlyArray<IndexedServer | undefined>) {}

  /** Records what the server at `doc` is filtered on. */
  set (doc: number, server: IndexedServer): void {
    if (doc >= this.flags.length) this.grow(doc + 1)
    let flags = server.status === 'deleted' ? 0 : LISTED
    if (server.official) flags |= OFFICIAL
    for (const transport of server.transports) flags |= transportBits[transport]
    this.flags[doc] = flags
    this.categories[doc] = categoryCodes[server.category]
  }

  /** Forgets the server at `doc`, which no filter then lets through. */
  clear (doc: number): void {
    this.flags[doc] = 0
  }

  /** A test of a short id against the filters; only listed (not deleted) servers pass. */
  test (filters: Filters): (doc: number) => boolean {
    const { flags, categories, serverByDoc } = this
    const required = LISTED | (filters.official === true ? OFFICIAL : 0)
    const forbidden = filters.official === false ? OFFICIAL : 0
    const transport = filters.transport === undefined ? 0 : transportBits[filters.transport]
    const category = filters.category === undefined ? 0 : categoryCodes[filters.category]
    const { tag } = filters
    return (doc) => {
      const flag = flags[doc]
      return (flag & required) === required && (flag & forbidden) === 0 &&
        (transport === 0 || (flag & transport) !== 0) &&
        (category === 0 || categories[doc] === category) &&
        (tag === undefined || (serverByDoc[doc] as IndexedServer).tags.has(tag))
    }
  }

  private grow (size: number): void {
    const capacity = Math.max(size, 2 * this.flags.length)
    const flags = new Uint8Array(capacity)
    flags.set(this.flags)
    this.flags = flags
    const categories = new Uint8Array(capacity)
    categories.set(this.categories)
    this.categories = categories
  }
}
