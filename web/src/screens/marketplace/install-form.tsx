import { useState } from 'preact/hooks'
import { api, call, type Schemas } from '../../api/client'
import { initialValue } from '../../ui/json-schema'
import { ObjectFields } from '../../ui/schema-form'
import { ScopedButton } from '../../ui/scoped-button'
import { ErrorNote } from '../../ui/states'
import { installBody, installSchema, storedValues, updateBody } from './install-schema'

type Server = Schemas['McpServer']
type Install = Schemas['McpInstall']

/**
 * Installs a server, or edits an install's values, through a form generated from the server's
 * install inputs; `done` is told the install as the service now has it.
 */
export function InstallForm ({ server, install, done }: { server: Server, install?: Install, done: (install: Install) => void }) {
  const schema = installSchema(server.install_inputs, install)
  const [value, setValue] = useState<Record<string, unknown>>(() => install ? storedValues(install) : initialValue(schema) as Record<string, unknown>)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const [notice, setNotice] = useState<string>()
  const path = { name: server.name }

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      if (install) {
        const changes = updateBody(value, install)
        if (!changes) {
          setNotice('Nothing changed.')
          return
        }
        done(await call(api.PATCH('/api/mcp/installed/{name}', { params: { path }, body: changes })))
        setNotice('Saved. A running server gets the new values when it next starts.')
      } else {
        done(await call(api.POST('/api/mcp/servers/{name}/install', { params: { path }, body: installBody(value) })))
      }
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class='card install-form' onSubmit={submit} aria-label={install ? 'Edit values' : 'Install'}>
      <h2>{install ? 'Values' : 'Install'}</h2>
      {!install && Object.keys(schema.properties ?? {}).length === 1 && <p class='hint'>This server needs no values.</p>}
      <ObjectFields id='install' schema={schema} value={value} onChange={setValue} />
      {error && <ErrorNote error={error} />}
      {notice && <p class='state success' role='status'>{notice}</p>}
      <div class='actions'>
        <ScopedButton type='submit' busy={busy} busyLabel={install ? 'Saving…' : 'Installing…'}>{install ? 'Save values' : `Install ${server.title}`}</ScopedButton>
      </div>
    </form>
  )
}
