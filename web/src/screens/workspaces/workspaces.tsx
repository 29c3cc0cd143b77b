import { api, call } from '../../api/client'
import { Empty, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { WorkspaceDetail } from './workspace-detail'
import { WorkspaceList } from './workspace-list'

/** The workspaces, or the one in the address. */
export function Workspaces ({ id }: { id?: string }) {
  useTitle('Workspaces')
  const workspaces = useResource(async () => await call(api.GET('/api/workspaces', { params: { query: { limit: 100 } } })), [])
  if (!id) return <WorkspaceList workspaces={workspaces} />
  return (
    <Loaded resource={workspaces} what='the workspace'>
      {(page) => {
        const workspace = page.items.find((item) => item.id === id)
        return workspace
          ? <WorkspaceDetail key={id} id={id} name={workspace.name} />
          : <Empty>There is no workspace {id} of yours. <a href='/workspaces'>All workspaces</a></Empty>
      }}
    </Loaded>
  )
}
