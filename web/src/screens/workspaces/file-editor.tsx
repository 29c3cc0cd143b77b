import { useState } from 'preact/hooks'
import { api, call } from '../../api/client'
import { ScopedButton } from '../../ui/scoped-button'
import { ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'

interface Props {
  workspace: string
  path: string
  /** The file's modification time on disk, as the last workspace_change said (a terminal, another tab). */
  diskMtime: string | undefined
  renamed: (path: string) => void
  deleted: () => void
}

/** One file: read, edited and saved as text; renamed or deleted. Binary files are described, not shown. */
export function FileEditor ({ workspace, path, diskMtime, renamed, deleted }: Props) {
  const params = { path: { id: workspace } }
  const file = useResource(async () => await call(api.GET('/api/workspaces/{id}/files', { params: { ...params, query: { path, encoding: 'utf8' } } })), [workspace, path])
  // Edits belong to the version they were made on: a newly loaded version shows its own text at once.
  const [edit, setEdit] = useState<{ of: typeof file.data, text: string }>()
  const [savedAt, setSavedAt] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const [newPath, setNewPath] = useState(path)
  const text = edit !== undefined && edit.of === file.data ? edit.text : file.data?.content ?? undefined
  // Our own save reports a change too, with the time we already hold: only another one is news.
  const stale = diskMtime !== undefined && file.data !== undefined && diskMtime !== file.data.mtime

  const dirty = text !== undefined && text !== file.data?.content
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await work()
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }
  const save = (event: Event) => {
    event.preventDefault()
    run(async () => {
      const written = await call(api.PUT('/api/workspaces/{id}/files', { params: { ...params, query: { path } }, body: { content: text ?? '', encoding: 'utf8' } }))
      file.update((previous) => previous && { ...previous, content: text ?? '', size: written.size, mtime: written.mtime })
      setSavedAt(new Date(written.mtime).toLocaleTimeString())
    }).catch(() => {})
  }
  const rename = (event: Event) => {
    event.preventDefault()
    if (newPath === path) return
    run(async () => {
      await call(api.POST('/api/workspaces/{id}/files/move', { params, body: { from: path, to: newPath, overwrite: false } }))
      renamed(newPath)
    }).catch(() => {})
  }
  const remove = () => {
    if (!confirm(`Delete ${path}?`)) return
    run(async () => {
      await call(api.DELETE('/api/workspaces/{id}/files', { params: { ...params, query: { path, recursive: false } } }))
      deleted()
    }).catch(() => {})
  }

  return (
    <section class='card editor' aria-labelledby='editor-title'>
      <h2 id='editor-title' class='mono'>{path}</h2>
      <Loaded resource={file} what={path}>
        {(shown) => shown.binary
          ? <p class='muted'>A binary file of {shown.size} bytes; it is not shown here.</p>
          : (
            <form onSubmit={save}>
              <label for='file-content'>Contents of {path}</label>
              <textarea id='file-content' class='file-content' value={text ?? ''} spellcheck={false} onInput={(event) => setEdit({ of: file.data, text: event.currentTarget.value })} />
              {stale && (
                <p class='state notice' role='status'>
                  The file changed on disk. <button type='button' class='link' onClick={() => file.reload()}>Load the new version</button>{dirty && ' (your edits are lost)'}
                </p>
              )}
              <div class='actions'>
                <ScopedButton type='submit' busy={busy} disabled={!dirty}>Save</ScopedButton>
                {savedAt && !dirty && <span class='hint' role='status'>Saved at {savedAt}</span>}
                {dirty && <span class='hint'>Unsaved changes</span>}
              </div>
            </form>
            )}
      </Loaded>
      <form class='actions' onSubmit={rename}>
        <label for='rename' class='visually-hidden'>New path for {path}</label>
        <input id='rename' value={newPath} onInput={(event) => setNewPath(event.currentTarget.value)} />
        <ScopedButton type='submit' class='secondary' disabled={newPath === path || newPath.trim() === ''}>Rename</ScopedButton>
        <ScopedButton class='danger' onClick={remove}>Delete</ScopedButton>
      </form>
      {error && <ErrorNote error={error} />}
    </section>
  )
}
