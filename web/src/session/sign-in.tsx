import { useState } from 'preact/hooks'
import { ErrorNote } from '../ui/states'
import { whoIs, type Me } from './session'

/**
 * The token form. The token goes to GET /api/auth/me first; only a token the service accepts is
 * kept (in this tab's sessionStorage), and nothing of it is put in the address.
 */
export function SignIn ({ onSignedIn, notice }: { onSignedIn: (token: string, me: Me) => void, notice?: string }) {
  const [token, setToken] = useState('')
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const trimmed = token.trim()
      onSignedIn(trimmed, await whoIs(trimmed))
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class='sign-in'>
      <form class='card' onSubmit={submit} aria-labelledby='sign-in-title'>
        <h1 id='sign-in-title'><img src='/favicon.svg' alt='' width={32} height={32} /> Podplay Sanctuary</h1>
        {notice && <p class='state notice' role='status'>{notice}</p>}
        <label for='token'>API token</label>
        <input
          id='token' name='token' type='password' autoComplete='off' spellcheck={false} required autoFocus
          value={token} onInput={(event) => setToken(event.currentTarget.value)} placeholder='pps_…'
        />
        <p class='hint'>
          The service printed an admin token on its first start and saved it to <code>.podplay/admin-token</code>.
          Other tokens, from the project folder: <code>node dist/cli.js token create --user NAME --scopes read,write</code>.
          The token is kept in this tab only, until you sign out or close it.
        </p>
        {error && <ErrorNote error={error} />}
        <button type='submit' disabled={busy || token.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  )
}
