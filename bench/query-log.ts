import { categoryNames } from '../schemas/catalog.js'
import type { SearchQuery } from '../schemas/marketplace.js'
import { normalizeTerm } from '../services/marketplace/vocabulary.js'
import { random } from './catalog-generator.js'

export type LoggedSearch = Omit<SearchQuery, 'limit'> & { limit?: number }

interface CatalogText {
  name: string
  title: string
  description: string
  tags: string[]
  capabilities: string[]
}

/** Words of the catalog by how many servers use them, most used first (so "mcp", "server" and "search" lead). */
export function catalogWords (servers: CatalogText[]): string[] {
  const servingCount = new Map<string, number>()
  for (const server of servers) {
    const text = [server.name, server.title, server.description, ...server.tags, ...server.capabilities].join(' ')
    const words = new Set(text.split(/[\n\r\p{Z}\p{P}]+/u).map((word) => normalizeTerm(word)).filter((word): word is string => !!word && word.length >= 3 && !/\d/.test(word)))
    for (const word of words) servingCount.set(word, (servingCount.get(word) ?? 0) + 1)
  }
  // A word in every entry is a template's ("connecting assistants to…"): nobody searches for it.
  return [...servingCount].filter(([, count]) => count < servers.length).sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1)).map(([word]) => word)
}

/** One edit a hurried typist makes: a letter dropped, doubled, swapped with the next or replaced. */
function typo (word: string, next: () => number): string {
  const at = 1 + Math.floor(next() * (word.length - 2))
  switch (Math.floor(next() * 4)) {
    case 0: return word.slice(0, at) + word.slice(at + 1)
    case 1: return word.slice(0, at) + word[at] + word.slice(at)
    case 2: return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1)
    default: return word.slice(0, at) + 'qxzjv'[Math.floor(next() * 5)] + word.slice(at + 1)
  }
}

/**
 * A realistic query log: words drawn by Zipf's law (s = 1) over the catalog's own words ranked by use,
 * so the words in half the catalog are the most searched, and the long tail is there too. Most
 * searches are the word typed whole; the others are a prefix (typed as you go), a typo, the word
 * with a filter or another sort, or two words.
 */
export function queryLog (servers: CatalogText[], size: number, seed = 7): LoggedSearch[] {
  const next = random(seed)
  const words = catalogWords(servers)
  const cumulative: number[] = []
  let sum = 0
  for (let rank = 1; rank <= words.length; rank++) cumulative.push(sum += 1 / rank)
  const zipf = () => {
    const target = next() * sum
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] < target) low = middle + 1
      else high = middle
    }
    return words[low]
  }
  return Array.from({ length: size }, (): LoggedSearch => {
    const word = zipf()
    const kind = next()
    if (kind < 0.5) return { query: word }
    if (kind < 0.65) return { query: word.slice(0, 2 + Math.floor(next() * (word.length - 2))) }
    if (kind < 0.75) return { query: word.length >= 4 ? typo(word, next) : word }
    if (kind < 0.82) return { query: word, category: categoryNames[Math.floor(next() * categoryNames.length)] }
    if (kind < 0.86) return { query: word, official: true }
    if (kind < 0.9) return { query: word, transport: 'stdio' }
    if (kind < 0.95) return { query: word, sort: 'popularity' }
    return { query: `${word} ${zipf()}` }
  })
}

/** The query string of a logged search, as a client sends it. */
export function searchUrl (search: LoggedSearch): string {
  const parameters = new URLSearchParams()
  for (const [key, value] of Object.entries(search)) parameters.set(key, String(value))
  return `/api/mcp/servers?${parameters.toString()}`
}

/** The log's length in the benchmark, and in the test that holds the top-k search to the exhaustive one. */
export const QUERY_LOG_SIZE = 2000
