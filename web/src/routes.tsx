import type { ComponentType } from 'preact'
import { lazy } from 'preact-iso'
import { Marketplace } from './screens/marketplace/marketplace'
import { ServerPage } from './screens/marketplace/server-page'
import { MyServers } from './screens/servers/my-servers'
import { Chat } from './screens/chat/chat'
import { BriefingScreen } from './screens/briefing/briefing'
import { Workspaces } from './screens/workspaces/workspaces'
import { ControlCenter } from './screens/control/control-center'

// xterm.js is loaded only when the terminals screen is opened.
const Terminals = lazy(async () => (await import('./screens/terminals/terminals')).Terminals)

export interface Section {
  path: string
  label: string
  /** The routes of the section, each with its screen; one route keeps its screen mounted while its parameter changes. */
  routes: Array<[string, ComponentType<any>]>
}

/**
 * The page's sections, in the navigation's order. The service answers index.html for each of
 * these paths (pageSections in plugins/dashboard.ts), so every screen can be reloaded or linked.
 */
export const sections: Section[] = [
  { path: '/marketplace', label: 'Marketplace', routes: [['/marketplace', Marketplace], ['/marketplace/:name+', ServerPage]] },
  { path: '/servers', label: 'My servers', routes: [['/servers/:name*', MyServers]] },
  { path: '/chat', label: 'Mama Bear', routes: [['/chat/:id?', Chat]] },
  { path: '/briefing', label: 'Briefing', routes: [['/briefing/:date?', BriefingScreen]] },
  { path: '/workspaces', label: 'Workspaces', routes: [['/workspaces/:id?', Workspaces]] },
  { path: '/terminals', label: 'Terminals', routes: [['/terminals/:id?', Terminals]] },
  { path: '/control', label: 'Control center', routes: [['/control', ControlCenter]] }
]
