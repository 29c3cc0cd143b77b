import { useEffect, useMemo, useState } from 'preact/hooks'
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso'
import { authenticate } from './api/client'
import { Connection } from './realtime/connection'
import { SessionContext, forgetToken, storeToken, storedToken, whoIs, type Me, type Session } from './session/session'
import { SignIn } from './session/sign-in'
import { Shell } from './shell'
import { sections } from './routes'
import { Empty, Loading } from './ui/states'

type Phase =
  | { name: 'checking' }
  | { name: 'signed-out', notice?: string }
  | { name: 'signed-in', token: string, me: Me }

function Home () {
  const { route } = useLocation()
  useEffect(() => { route('/marketplace', true) }, [])
  return null
}

function NotFound () {
  return <Empty>There is no such page here. Pick a section on the left.</Empty>
}

/** A signed-in page: one Socket.IO connection for as long as the token is in use. */
function SignedIn ({ token, me, signOut }: { token: string, me: Me, signOut: (notice?: string) => void }) {
  const connection = useMemo(() => new Connection(token), [token])
  useEffect(() => () => { connection.close() }, [connection])
  const session: Session = useMemo(() => ({ me, token, connection, signOut }), [me, token, connection, signOut])
  return (
    <SessionContext.Provider value={session}>
      <Shell>
        <ErrorBoundary>
          <Router>
            <Route path='/' component={Home} />
            <Route path='/sign-in' component={Home} />
            {sections.flatMap((section) => section.routes.map(([path, component]) => <Route key={path} path={path} component={component} />))}
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Shell>
    </SessionContext.Provider>
  )
}

export function App () {
  const [phase, setPhase] = useState<Phase>(() => storedToken() ? { name: 'checking' } : { name: 'signed-out' })

  const signOut = useMemo(() => (notice?: string) => {
    forgetToken()
    authenticate(undefined)
    setPhase({ name: 'signed-out', notice })
  }, [])

  const signIn = (token: string, me: Me) => {
    storeToken(token)
    authenticate(token, (error) => signOut(`Signed out: the service refused the token (${error.message}).`))
    setPhase({ name: 'signed-in', token, me })
  }

  // A reload keeps the tab's sign-in, after asking the service whether the token still works.
  useEffect(() => {
    const token = storedToken()
    if (!token) return
    whoIs(token).then((me) => signIn(token, me), (error: Error) => signOut(`Please sign in again: ${error.message}`))
  }, [])

  return (
    <LocationProvider>
      {phase.name === 'checking' && <Loading what='your session' />}
      {phase.name === 'signed-out' && <SignIn onSignedIn={signIn} notice={phase.notice} />}
      {phase.name === 'signed-in' && <SignedIn token={phase.token} me={phase.me} signOut={signOut} />}
    </LocationProvider>
  )
}
