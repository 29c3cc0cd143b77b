import t from 'tap'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { QUERY_LOG_SIZE, queryLog, type LoggedSearch } from '../../bench/query-log.js'
import { CatalogIndex } from '../../services/marketplace/search-index.js'
import { validateEntry, type CatalogEntry } from '../../services/marketplace/validate.js'

/** The benchmark's catalog, as the importer stores it. */
function benchmarkEntries (): CatalogEntry[] {
  return generateCatalog(10_000).servers.map((raw) => {
    const validated = validateEntry(raw)
    if (!('entry' in validated)) throw new Error(validated.problem)
    return { ...validated.entry, category: validated.entry.category ?? 'development_tools', category_inferred: false }
  })
}

/** Generated once: every test indexes the same catalog. */
const entries = benchmarkEntries()

const names = (page: { items: Array<{ name: string }> }) => page.items.map((item) => item.name)

t.test('the top-k search answers what an exhaustive MiniSearch search does, over the benchmark\'s whole query log', async (t) => {
  const topK = new CatalogIndex()
  const exhaustive = new CatalogIndex(true)
  topK.upsert(entries)
  exhaustive.upsert(entries)
  const noInstalls = new Set<string>()
  const log = queryLog(entries, QUERY_LOG_SIZE)
  const seen = new Set<string>()
  let compared = 0
  for (const search of log) {
    const key = JSON.stringify(search)
    if (seen.has(key)) continue
    seen.add(key)
    const fast = topK.search(search, noInstalls)
    const reference = exhaustive.search(search, noInstalls)
    if (fast.total !== reference.total || names(fast).join() !== names(reference).join()) {
      t.fail(`${key}: top 20 and total differ from the exhaustive search`, { found: { total: fast.total, items: names(fast) }, wanted: { total: reference.total, items: names(reference) } })
    }
    compared++
  }
  t.ok(compared > 500, `${compared} different searches compared`)
  for (const query of ['search zzqx', 'serch of nothingness', 'mcp']) {
    t.same(topK.unmatchedTerms(query), exhaustive.unmatchedTerms(query), `${query}: the same words match nothing`)
  }
  t.same(topK.unmatchedTerms('search zzqx'), ['zzqx'])
  t.ok(log.some((search) => (topK.search(search, noInstalls).total > 5000)), 'the log has searches matching half the catalog')
})

t.test('pages after the first, the installed filter and a change of the catalog keep the exhaustive order', async (t) => {
  const topK = new CatalogIndex()
  const exhaustive = new CatalogIndex(true)
  topK.upsert(entries)
  exhaustive.upsert(entries)
  const installed = new Set(entries.filter((_, index) => index % 3 === 0).map((entry) => entry.name))
  const walk = (index: CatalogIndex, search: LoggedSearch, pages: number, between?: () => void) => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < pages; page++) {
      const result = index.search({ ...search, limit: 25, cursor }, installed)
      seen.push(...names(result))
      if (!result.next_cursor) break
      cursor = result.next_cursor
      if (page === 1) between?.()
    }
    return seen
  }
  for (const search of [{ query: 'server' }, { query: 'se' }, { query: 'serch' }, { query: 'mcp server' }, { query: 'list', installed: false }, { query: 'search', installed: true, category: 'database' as const }]) {
    t.same(walk(topK, search, 12), walk(exhaustive, search, 12), `${JSON.stringify(search)}: twelve pages`)
  }
  // A popular server gains popularity between the second and third page: both continue after the
  // last server shown, wherever it now stands.
  const changed = { ...entries[42], popularity_score: 100, description: `${entries[42].description} server search` }
  t.same(walk(topK, { query: 'server' }, 6, () => topK.upsert([changed])), walk(exhaustive, { query: 'server' }, 6, () => exhaustive.upsert([changed])))
  t.same(names(topK.search({ query: 'server search', limit: 100 }, installed)), names(exhaustive.search({ query: 'server search', limit: 100 }, installed)), 'the changed entry ranks the same')
})

t.test('the search is prepared in the background after a change, and a later change overtakes a preparation under way', async (t) => {
  const topK = new CatalogIndex()
  const exhaustive = new CatalogIndex(true)
  topK.upsert(entries)
  exhaustive.upsert(entries)
  const overtaken = topK.prepared
  const changed = { ...entries[7], description: `${entries[7].description} prepared anew` }
  topK.upsert([changed])
  exhaustive.upsert([changed])
  t.equal(await overtaken, false, 'the first preparation stops at the change')
  t.equal(await topK.prepared, true, 'the one after the change completes')
  const noInstalls = new Set<string>()
  const searches = [...new Set(queryLog(entries, QUERY_LOG_SIZE).map((search) => JSON.stringify(search)))].slice(0, 200).map((key) => JSON.parse(key) as LoggedSearch)
  for (const search of [...searches, { query: 'prepared anew' }]) {
    const fast = topK.search(search, noInstalls)
    const reference = exhaustive.search(search, noInstalls)
    t.same({ total: fast.total, items: names(fast) }, { total: reference.total, items: names(reference) }, JSON.stringify(search))
  }
  t.equal(topK.search({ query: 'prepared anew' }, noInstalls).items[0].name, entries[7].name, 'the changed entry is found by its new words')
})
