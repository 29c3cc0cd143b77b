import { useEffect, useState } from 'preact/hooks'
import { api, call, type Answer, type QueryOf } from '../../api/client'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useDebounced } from '../../ui/use-debounced'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { ServerCard } from './server-card'

type Page = Answer<'/api/mcp/servers', 'get'>
type Query = QueryOf<'/api/mcp/servers', 'get'>

interface Filters {
  query: string
  category: string
  official: boolean
  transport: string
  installed: string
  sort: string
}

const FILTER_KEYS: Array<keyof Filters> = ['query', 'category', 'official', 'transport', 'installed', 'sort']

function filtersFromAddress (): Filters {
  const params = new URLSearchParams(location.search)
  return {
    query: params.get('query') ?? '',
    category: params.get('category') ?? '',
    official: params.get('official') === 'true',
    transport: params.get('transport') ?? '',
    installed: params.get('installed') ?? '',
    sort: params.get('sort') ?? ''
  }
}

/** The filters as the API's query: empty ones are left out. */
function toQuery (filters: Filters, cursor?: string): Query {
  return {
    limit: 24,
    ...(filters.query.trim() ? { query: filters.query.trim() } : {}),
    ...(filters.category ? { category: filters.category as Query['category'] } : {}),
    ...(filters.official ? { official: true } : {}),
    ...(filters.transport ? { transport: filters.transport as Query['transport'] } : {}),
    ...(filters.installed ? { installed: filters.installed === 'true' } : {}),
    ...(filters.sort ? { sort: filters.sort as Query['sort'] } : {}),
    ...(cursor ? { cursor } : {})
  }
}

let lastAddress = '/marketplace'
/** The marketplace as it was last seen (its search and filters), for the way back from a server. */
export const lastSearch = () => lastAddress

/** Search the catalog: results as you type (typos forgiven by the service), filters, sort, more by cursor. */
export function Marketplace () {
  useTitle('Marketplace')
  const [filters, setFilters] = useState(filtersFromAddress)
  const settled = useDebounced(filters, 200)
  const categories = useResource(async () => await call(api.GET('/api/mcp/categories')), [])
  const first = useResource(async () => await call(api.GET('/api/mcp/servers', { params: { query: toQuery(settled) } })), [JSON.stringify(settled)])
  const [more, setMore] = useState<{ pages: Page[], loading: boolean, error?: Error }>({ pages: [], loading: false })

  // The address keeps the search, so a reload or a shared link shows the same results.
  useEffect(() => {
    const params = new URLSearchParams()
    for (const key of FILTER_KEYS) if (settled[key]) params.set(key, String(settled[key]))
    lastAddress = `${location.pathname}${params.size ? `?${params}` : ''}`
    history.replaceState(history.state, '', lastAddress)
    setMore({ pages: [], loading: false })
  }, [JSON.stringify(settled)])

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((previous) => ({ ...previous, [key]: value }))
  const last = more.pages.at(-1) ?? first.data
  const loadMore = () => {
    if (!last?.next_cursor) return
    setMore((previous) => ({ ...previous, loading: true, error: undefined }))
    call(api.GET('/api/mcp/servers', { params: { query: toQuery(settled, last.next_cursor) } })).then(
      (page) => setMore((previous) => ({ pages: [...previous.pages, page], loading: false })),
      (error: Error) => setMore((previous) => ({ ...previous, loading: false, error }))
    )
  }

  return (
    <section aria-labelledby='marketplace-title'>
      <h1 id='marketplace-title'>Marketplace</h1>
      <form class='filters' role='search' onSubmit={(event) => event.preventDefault()}>
        <div class='search'>
          <label for='search'>Search servers</label>
          <input
            id='search' type='search' value={filters.query} placeholder='e.g. postgres, github, browser…' autoFocus
            onInput={(event) => set('query', event.currentTarget.value)}
          />
        </div>
        <div>
          <label for='category'>Category</label>
          <select id='category' value={filters.category} onChange={(event) => set('category', event.currentTarget.value)}>
            <option value=''>All categories</option>
            {categories.data?.categories.map((category) => (
              <option key={category.name} value={category.name}>{category.label} ({category.count})</option>
            ))}
          </select>
        </div>
        <div>
          <label for='transport'>Transport</label>
          <select id='transport' value={filters.transport} onChange={(event) => set('transport', event.currentTarget.value)}>
            <option value=''>Any</option>
            <option value='stdio'>Local process (stdio)</option>
            <option value='streamable-http'>Remote (Streamable HTTP)</option>
            <option value='sse'>Remote (SSE)</option>
          </select>
        </div>
        <div>
          <label for='installed'>Installed</label>
          <select id='installed' value={filters.installed} onChange={(event) => set('installed', event.currentTarget.value)}>
            <option value=''>Either</option>
            <option value='true'>Installed by me</option>
            <option value='false'>Not installed</option>
          </select>
        </div>
        <div>
          <label for='sort'>Sort by</label>
          <select id='sort' value={filters.sort} onChange={(event) => set('sort', event.currentTarget.value)}>
            <option value=''>Best match</option>
            <option value='popularity'>Popularity</option>
            <option value='name'>Name</option>
            <option value='updated'>Recently updated</option>
          </select>
        </div>
        <label class='inline official' for='official'>
          <input id='official' type='checkbox' checked={filters.official} onChange={(event) => set('official', event.currentTarget.checked)} />
          Official only
        </label>
      </form>
      {categories.error && <ErrorNote error={categories.error} retry={categories.reload} />}
      <Loaded resource={first} what='servers'>
        {(page) => page.items.length === 0
          ? <Empty>No server matches{settled.query ? ` “${settled.query}”` : ''} with these filters.</Empty>
          : (
            <>
              <p class='muted' role='status' aria-live='polite'>{page.total} {page.total === 1 ? 'server' : 'servers'}{first.loading ? ' · updating…' : ''}</p>
              <ul class='server-grid' aria-label='Servers' aria-busy={first.loading}>
                {[page, ...more.pages].flatMap((shown) => shown.items).map((server) => <ServerCard key={server.name} server={server} />)}
              </ul>
              {more.error && <ErrorNote error={more.error} retry={loadMore} />}
              {last?.next_cursor && (
                <div class='actions'><button type='button' class='secondary' onClick={loadMore} disabled={more.loading}>{more.loading ? 'Loading…' : 'More results'}</button></div>
              )}
            </>
            )}
      </Loaded>
    </section>
  )
}
