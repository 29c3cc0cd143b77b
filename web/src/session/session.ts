import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import { api, call, type Answer } from '../api/client'
import type { Connection } from '../realtime/connection'

export type Me = Answer<'/api/auth/me', 'get'>
type Scope = Me['scopes'][number]

/** Where the token lives: this tab's sessionStorage only (gone with the tab; never the URL or localStorage). */
const STORAGE_KEY = 'podplay.token'

export const storedToken = (): string | undefined => sessionStorage.getItem(STORAGE_KEY) ?? undefined
export const storeToken = (token: string): void => { sessionStorage.setItem(STORAGE_KEY, token) }
export const forgetToken = (): void => { sessionStorage.removeItem(STORAGE_KEY) }

/** Who is signed in: as GET /api/auth/me answers for the token. */
export async function whoIs (token: string): Promise<Me> {
  return await call(api.GET('/api/auth/me', { headers: { authorization: `Bearer ${token}` } }))
}

export interface Session {
  me: Me
  /** For the terminal WebSockets, which carry it as a subprotocol (browsers cannot set their headers). */
  token: string
  connection: Connection
  signOut: (notice?: string) => void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession (): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in page')
  return session
}

/** As the service decides: a scope, or admin, which implies every scope. */
export function hasScope (me: Me, scope: Scope): boolean {
  return me.scopes.includes(scope) || me.scopes.includes('admin')
}

/**
 * Whether the signed-in token may do something, and if not, the reason to show on the disabled
 * control (the service would refuse it with 403 anyway).
 */
export function usePermission (scope: Scope): { allowed: boolean, reason: string | undefined } {
  const { me } = useSession()
  const allowed = hasScope(me, scope)
  return { allowed, reason: allowed ? undefined : `Needs the ${scope} scope; this token has ${me.scopes.join(', ')}` }
}
