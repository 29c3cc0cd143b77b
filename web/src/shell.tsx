import type { ComponentChildren } from 'preact'
import { useLocation } from 'preact-iso'
import { ConnectionBadge } from './realtime/connection-badge'
import { useSession } from './session/session'
import { sections } from './routes'

/** The frame of every screen: the navigation, the socket's state, who is signed in, and sign-out. */
export function Shell ({ children }: { children: ComponentChildren }) {
  const { me, connection, signOut } = useSession()
  const { path } = useLocation()
  return (
    <div class='layout'>
      <a class='skip' href='#main'>Skip to content</a>
      <header class='topbar'>
        <a class='brand' href='/marketplace'><img src='/favicon.svg' alt='' width={24} height={24} /> Podplay Sanctuary</a>
        <ConnectionBadge connection={connection} />
        <span class='who' data-testid='who'>
          <strong>{me.user}</strong> <span class='scopes'>{me.scopes.join(' · ')}</span>
        </span>
        <button type='button' class='secondary' onClick={() => signOut()}>Sign out</button>
      </header>
      <nav class='sidebar' aria-label='Sections'>
        <ul>
          {sections.map((section) => {
            const current = path === section.path || path.startsWith(`${section.path}/`)
            return <li key={section.path}><a href={section.path} aria-current={current ? 'page' : undefined}>{section.label}</a></li>
          })}
        </ul>
      </nav>
      <main id='main' tabIndex={-1}>{children}</main>
    </div>
  )
}
