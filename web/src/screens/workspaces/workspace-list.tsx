import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, call, type Answer } from '../../api/client'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import type { Resource } from '../../ui/use-resource'

type Page = Answer<'/api/workspaces', 'get'>

/** Your workspaces, and a form to create one. */
export function WorkspaceList ({ workspaces }: { workspaces: Resource<Page> }) {
  const { route } = useLocation()
  const [name, setName] = useState('')
  const [error, setError] = useState<Error>()
  const create = (event: Event) => {
    event.preventDefault()
    setError(undefined)
    call(api.POST('/api/workspaces', { body: { name: name.trim() } })).then((created) => {
      workspaces.reload()
      route(`/workspaces/${created.id}`)
    }, setError)
  }
  return (
    <section aria-labelledby='workspaces-title'>
      <h1 id='workspaces-title'>Workspaces</h1>
      <form class='actions' onSubmit={create}>
        <label for='workspace-name' class='visually-hidden'>New workspace name</label>
        <input id='workspace-name' class='grow' value={name} placeholder='Name of a new workspace' onInput={(event) => setName(event.currentTarget.value)} />
        <ScopedButton type='submit' disabled={name.trim() === ''}>Create workspace</ScopedButton>
      </form>
      {error && <ErrorNote error={error} />}
      <Loaded resource={workspaces} what='workspaces'>
        {(page) => page.items.length === 0
          ? <Empty>No workspace yet. A workspace is a folder of yours on the service, for files and terminals.</Empty>
          : (
            <ul class='server-grid' aria-label='Workspaces'>
              {page.items.map((workspace) => (
                <li key={workspace.id} class='card'>
                  <h2><a href={`/workspaces/${workspace.id}`}>{workspace.name}</a></h2>
                  <p class='hint'>created {new Date(workspace.created_at).toLocaleString()}</p>
                </li>
              ))}
            </ul>
            )}
      </Loaded>
    </section>
  )
}
