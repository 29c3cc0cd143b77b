import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, call } from '../../api/client'
import { useSocketEvent, useSubscription } from '../../realtime/hooks'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { FileEditor } from './file-editor'
import { applyChange, fromListing } from './file-tree'
import { FileTreeView } from './file-tree-view'
import { Recommendations } from './recommendations'

/** A workspace: its files, live (`workspace_change`), a file open in the editor, and what to install for it. */
export function WorkspaceDetail ({ id, name }: { id: string, name: string }) {
  const { route } = useLocation()
  const params = { path: { id } }
  const tree = useResource(async () => {
    const listing = await call(api.GET('/api/workspaces/{id}/tree', { params: { ...params, query: { path: '', depth: 20, include_ignored: false } } }))
    return { entries: fromListing(listing.entries), truncated: listing.truncated }
  }, [id])
  const [open, setOpen] = useState<string>()
  const [diskTimes, setDiskTimes] = useState<Record<string, string>>({})
  const [newFile, setNewFile] = useState('')
  const [error, setError] = useState<Error>()

  useSubscription({ event: 'workspace_subscribe', payload: { workspace_id: id }, release: 'workspace_unsubscribe', releasePayload: { workspace_id: id } })
  useSocketEvent('workspace_change', (change) => {
    if (change.workspace_id !== id) return
    tree.update((previous) => previous && { ...previous, entries: applyChange(previous.entries, change) })
    if (change.mtime) setDiskTimes((previous) => ({ ...previous, [change.path]: change.mtime! }))
    if ((change.type === 'unlink' || change.type === 'unlinkDir') && open && (open === change.path || open.startsWith(`${change.path}/`))) setOpen(undefined)
  })

  const create = (event: Event) => {
    event.preventDefault()
    const path = newFile.trim()
    setError(undefined)
    call(api.PUT('/api/workspaces/{id}/files', { params: { ...params, query: { path } }, body: { content: '', encoding: 'utf8' } })).then(() => {
      setNewFile('')
      setOpen(path)
    }, setError)
  }
  const remove = () => {
    if (!confirm(`Delete the workspace ${name} and every file in it? Terminals open in it are closed.`)) return
    call(api.DELETE('/api/workspaces/{id}', { params })).then(() => route('/workspaces'), setError)
  }

  return (
    <section aria-labelledby='workspace-title'>
      <p><a href='/workspaces'>← All workspaces</a></p>
      <div class='server-header'>
        <h1 id='workspace-title'>{name}</h1>
        <a class='button-link' href={`/terminals?workspace=${encodeURIComponent(id)}`}>Open a terminal here</a>
        <ScopedButton class='danger' onClick={remove}>Delete workspace</ScopedButton>
      </div>
      {error && <ErrorNote error={error} />}
      <div class='workspace'>
        <div class='card files'>
          <h2>Files</h2>
          <Loaded resource={tree} what='the files'>
            {({ entries, truncated }) => (
              <>
                {truncated && <p class='hint'>The listing stopped at the service's limit; not every file is shown.</p>}
                <FileTreeView entries={entries} selected={open} open={setOpen} />
              </>
            )}
          </Loaded>
          <form class='new-file' onSubmit={create}>
            <label for='new-file'>New file</label>
            <input id='new-file' value={newFile} placeholder='e.g. notes/todo.md' onInput={(event) => setNewFile(event.currentTarget.value)} />
            <ScopedButton type='submit' class='secondary' disabled={newFile.trim() === ''}>Create</ScopedButton>
          </form>
        </div>
        <div class='workspace-main'>
          {open
            ? <FileEditor key={open} workspace={id} path={open} diskMtime={diskTimes[open]} renamed={setOpen} deleted={() => setOpen(undefined)} />
            : <Empty>Open a file to read or edit it.</Empty>}
          <Recommendations workspace={id} />
        </div>
      </div>
    </section>
  )
}
