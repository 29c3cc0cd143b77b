import type { IndexedServer } from './indexed-server.js'

/**
 * A result list worked out only as far as it is read. It always holds the first `known` servers in
 * their final order and how many there are in all; reading further asks `extend` for a longer
 * exact prefix (at least twice as long, so a walk through the pages costs a few extensions).
 */
export class Ranking {
  private known: IndexedServer[]

  constructor (readonly total: number, first: IndexedServer[], private readonly extend: (count: number) => IndexedServer[] = () => first) {
    this.known = first
  }

  /** A list already complete. */
  static of (servers: IndexedServer[]): Ranking {
    return new Ranking(servers.length, servers)
  }

  at (index: number): IndexedServer | undefined {
    this.reach(index + 1)
    return this.known[index]
  }

  slice (start: number, end: number): IndexedServer[] {
    this.reach(end)
    return this.known.slice(start, end)
  }

  /** Where a server stands, -1 when it is not in the list. */
  indexOf (name: string): number {
    const known = this.known.findIndex((server) => server.name === name)
    if (known !== -1 || this.known.length >= this.total) return known
    this.reach(this.total)
    return this.known.findIndex((server) => server.name === name)
  }

  all (): IndexedServer[] {
    this.reach(this.total)
    return this.known
  }

  private reach (count: number): void {
    const wanted = Math.min(count, this.total)
    if (this.known.length >= wanted) return
    this.known = this.extend(Math.min(this.total, Math.max(wanted, 2 * this.known.length)))
  }
}
