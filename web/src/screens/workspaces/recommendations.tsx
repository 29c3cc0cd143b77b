import { useState } from 'preact/hooks'
import { ApiError, api, call, type Schemas } from '../../api/client'
import { useSocketEvent } from '../../realtime/hooks'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { catalogPage } from '../../links'

type Recommendation = Schemas['DiscoveryRecommendation']

function Recommended ({ item, installed }: { item: Recommendation, installed: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const install = () => {
    setBusy(true)
    setError(undefined)
    call(api.POST('/api/mcp/servers/{name}/install', { params: { path: { name: item.name } }, body: {} })).then(installed, (failure: Error) => {
      setError(failure)
      setBusy(false)
    })
  }
  return (
    <li class='recommendation'>
      <a href={catalogPage(item.name)}><strong>{item.title}</strong></a> <span class='badge'>{item.category.replace(/_/g, ' ')}</span>
      <p class='hint'>{item.reason}</p>
      <ScopedButton class='secondary' onClick={install} busy={busy} busyLabel='Installing…'>Install {item.title}</ScopedButton>
      {error && (
        <>
          <ErrorNote error={error} />
          {error instanceof ApiError && error.status === 400 && <a href={catalogPage(item.name)}>Give its values on its page</a>}
        </>
      )}
    </li>
  )
}

/** What the workspace's manifests suggest installing, kept current by `discovery_recommendation`. */
export function Recommendations ({ workspace }: { workspace: string }) {
  const list = useResource(async () => await call(api.GET('/api/discovery/recommendations', { params: { query: { workspace_id: workspace } } })), [workspace])
  useSocketEvent('discovery_recommendation', (event) => {
    if (event.workspace_id === workspace) list.update((previous) => previous && { ...previous, recommendations: event.recommendations, generated_at: event.timestamp })
  })
  return (
    <section class='card' aria-labelledby='recommendations-title'>
      <h2 id='recommendations-title'>Recommended for this workspace</h2>
      <Loaded resource={list} what='recommendations'>
        {(found) => found.recommendations.length === 0
          ? <Empty>Nothing to suggest: no manifest here names a service the catalog has a server for (or you have them all).</Empty>
          : <ul class='plain'>{found.recommendations.map((item) => <Recommended key={item.name} item={item} installed={list.reload} />)}</ul>}
      </Loaded>
    </section>
  )
}
