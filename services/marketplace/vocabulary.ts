/**
 * Words too common to tell servers apart. Left out of the index and of queries, so "a server for
 * slack" searches for slack, and a typo such as "gith" is never corrected to "with".
 */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'its', 'of', 'on',
  'or', 'that', 'the', 'this', 'through', 'to', 'via', 'with', 'your'
])

/** The search's term processing: lower case, stop words dropped. */
export function normalizeTerm (term: string): string | null {
  const word = term.toLowerCase()
  return STOP_WORDS.has(word) ? null : word
}

/**
 * Every word indexed so far, to decide when typo tolerance is worth its cost: only for a term no
 * word starts with, because prefix matching already finds the rest. Words of replaced entries stay;
 * at worst a typo is then not corrected.
 */
export class Vocabulary {
  private readonly words = new Set<string>()
  private sorted: string[] = []
  private dirty = false

  add (word: string): void {
    if (this.words.has(word)) return
    this.words.add(word)
    this.dirty = true
  }

  hasWordStartingWith (prefix: string): boolean {
    if (this.dirty) {
      this.sorted = [...this.words].sort()
      this.dirty = false
    }
    let low = 0
    let high = this.sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.sorted[middle] < prefix) low = middle + 1
      else high = middle
    }
    return this.sorted[low]?.startsWith(prefix) ?? false
  }
}
