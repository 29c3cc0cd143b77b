import { useState } from 'preact/hooks'
import { api, call, type BodyOf } from '../../api/client'
import { hasScope, useSession } from '../../session/session'
import { ScopedButton } from '../../ui/scoped-button'
import { ErrorNote } from '../../ui/states'
import { useResource } from '../../ui/use-resource'

type Level = BodyOf<'/api/control/log-level', 'put'>['level']
const levels: Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** The service's log level, changed at run time (admin; not kept across a restart). */
export function LogLevel () {
  const { me } = useSession()
  const admin = hasScope(me, 'admin')
  const config = useResource(async () => admin ? await call(api.GET('/api/control/config')) : undefined, [admin])
  const [level, setLevel] = useState<Level>()
  const [changed, setChanged] = useState<string>()
  const [error, setError] = useState<Error>()
  const started = typeof config.data?.logLevel === 'string' ? config.data.logLevel as Level : undefined
  const shown = level ?? started ?? 'info'

  const apply = (event: Event) => {
    event.preventDefault()
    setError(undefined)
    call(api.PUT('/api/control/log-level', { body: { level: shown } })).then(
      (result) => setChanged(`The log level is now ${result.level} (it was ${result.previous}).`),
      setError
    )
  }

  return (
    <section class='card' aria-labelledby='log-title'>
      <h2 id='log-title'>Log level</h2>
      <form class='actions' onSubmit={apply}>
        <label for='log-level' class='inline'>Level</label>
        <select id='log-level' value={shown} disabled={!admin} onChange={(event) => setLevel(event.currentTarget.value as Level)}>
          {levels.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
        <ScopedButton type='submit' scope='admin'>Apply</ScopedButton>
      </form>
      {started && !changed && <p class='hint'>Started at {started}; a change lasts until the service restarts.</p>}
      {changed && <p class='state success' role='status'>{changed}</p>}
      {error && <ErrorNote error={error} />}
    </section>
  )
}
