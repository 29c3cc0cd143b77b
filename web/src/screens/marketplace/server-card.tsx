import type { Schemas } from '../../api/client'
import { catalogPage } from '../../links'

export const serverPath = (name: string) => catalogPage(name)

/** The badges a server shows everywhere: official, installed, its category and how it runs. */
export function ServerBadges ({ server }: { server: Schemas['McpServerSummary'] }) {
  return (
    <span class='badges'>
      {server.is_official && <span class='badge official'>official</span>}
      {server.installed && <span class='badge installed'>installed</span>}
      <span class='badge'>{server.category.replace(/_/g, ' ')}</span>
      {server.transports.map((transport) => <span class='badge' key={transport}>{transport}</span>)}
      {server.status !== 'active' && <span class='badge crashed'>{server.status}</span>}
    </span>
  )
}

export function ServerCard ({ server }: { server: Schemas['McpServerSummary'] }) {
  return (
    <li class='card server-card'>
      <h2><a href={catalogPage(server.name)}>{server.title}</a></h2>
      <p class='muted mono'>{server.name}</p>
      <p>{server.description}</p>
      <ServerBadges server={server} />
      <p class='hint'>popularity {server.popularity_score} · updated {server.last_updated}</p>
    </li>
  )
}
