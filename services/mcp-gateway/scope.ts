import type { GatewayProfile, ToolsMode } from '../../schemas/mcp-gateway.js'

/** Who a session acts for and what it may see: the user's servers, narrowed by a profile. */
export interface SessionScope {
  sessionId: string
  userId: string
  profile: GatewayProfile | null
  mode: ToolsMode
}

export function allowsServer (scope: SessionScope, server: string): boolean {
  return !scope.profile || scope.profile.servers.some((allowed) => allowed.name === server)
}

export function allowsTool (scope: SessionScope, server: string, tool: string): boolean {
  if (!scope.profile) return true
  const allowed = scope.profile.servers.find((entry) => entry.name === server)
  return allowed !== undefined && (allowed.tools === undefined || allowed.tools.includes(tool))
}

/** The sanctuary's own tools: all, unless the profile lists the ones it allows. */
export function allowsOwnTool (scope: SessionScope, name: string): boolean {
  return !scope.profile?.sanctuary_tools || scope.profile.sanctuary_tools.includes(name)
}
