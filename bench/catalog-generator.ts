import { categoryNames } from '../schemas/catalog.js'

/** A small deterministic PRNG (mulberry32), so every run searches the same catalog. */
export function random (seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/** Words of the domains real MCP servers cover. */
export const domainWords = [
  'database', 'postgres', 'mysql', 'sqlite', 'mongodb', 'redis', 'vector', 'query', 'schema', 'table', 'migration',
  'cloud', 'aws', 'azure', 'kubernetes', 'docker', 'deploy', 'terraform', 'serverless', 'bucket', 'cluster',
  'github', 'gitlab', 'git', 'code', 'review', 'pull', 'request', 'issue', 'build', 'pipeline', 'test', 'lint',
  'slack', 'email', 'discord', 'chat', 'message', 'channel', 'notification', 'calendar', 'meeting',
  'llm', 'embedding', 'agent', 'memory', 'reasoning', 'prompt', 'inference', 'rag',
  'notes', 'tasks', 'todo', 'project', 'notion', 'linear', 'jira', 'spreadsheet', 'document',
  'search', 'web', 'crawl', 'scrape', 'news', 'research', 'dataset', 'analytics', 'finance', 'weather',
  'file', 'filesystem', 'directory', 'drive', 'storage', 'upload', 'pdf', 'image', 'video', 'audio',
  'browser', 'http', 'fetch', 'rest', 'graphql', 'webhook', 'payment', 'maps', 'translate',
  'security', 'scan', 'vulnerability', 'secrets', 'audit', 'monitoring', 'metrics', 'logs', 'alerts', 'tracing',
  'content', 'cms', 'blog', 'markdown', 'publish', 'wiki', 'media', 'design', 'figma', 'diagram'
]

/**
 * The long tail: product and niche words, made up from syllables. With them a topical word lands
 * in about 2 % of servers, as in the MCP Registry's seed ("database" is in 4 % of its entries).
 */
function longTail (next: () => number, count: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ru', 'ten', 'vox', 'zar', 'qui', 'pel', 'dor', 'fin', 'gra', 'hex', 'jun', 'nor', 'sil']
  const words = new Set<string>()
  while (words.size < count) words.add(Array.from({ length: 2 + Math.floor(next() * 2) }, () => syllables[Math.floor(next() * syllables.length)]).join(''))
  return [...words]
}

/** Common words and the share of real registry entries that contain them. */
const commonWords: Array<[string, number]> = [['mcp', 0.9], ['server', 0.72], ['model', 0.3], ['context', 0.3], ['ai', 0.18], ['data', 0.1], ['api', 0.1], ['tools', 0.05]]
const verbs = ['list', 'get', 'create', 'update', 'delete', 'search', 'run', 'read', 'write', 'sync']
const vendors = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'soylent']

/** `count` servers in our catalog format, named gen-00001-…, with text shaped like real registry entries. */
export function generateCatalog (count: number, seed = 42) {
  const next = random(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]
  const topical = [...domainWords, ...longTail(next, 480)]
  const words = (n: number) => Array.from({ length: n }, () => pick(topical))
  const common = () => commonWords.filter(([, share]) => next() < share).map(([word]) => word)
  const servers = Array.from({ length: count }, (_, index) => {
    const topic = words(2)
    const name = `gen-${String(index).padStart(5, '0')}-${topic.join('-')}`
    return {
      name,
      title: `${pick(vendors)} ${topic.join(' ')}`,
      description: `${common().join(' ')} connecting assistants to ${words(5).join(' ')} with ${words(3).join(', ')}.`,
      version: `${1 + Math.floor(next() * 3)}.${Math.floor(next() * 20)}.0`,
      category: pick(categoryNames),
      tags: [...new Set(words(3))],
      capabilities: [...new Set(Array.from({ length: 3 + Math.floor(next() * 6) }, () => `${pick(verbs)}_${pick(topical)}`))],
      author: pick(vendors),
      repository_url: `https://github.com/${pick(vendors)}/${name}`,
      is_official: next() < 0.2,
      popularity_score: Math.floor(next() * 101),
      last_updated: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      status: next() < 0.05 ? 'deprecated' : 'active',
      packages: [{ registry_type: 'npm', identifier: `@${pick(vendors)}/${name}`, transport: 'stdio' }]
    }
  })
  return { version: '1.0.0', last_updated: '2025-12-31', description: `generated benchmark catalog of ${count} servers`, total_servers: count, servers }
}
