import { Type, type Static } from '@sinclair/typebox'
import { Cursor, Limit, Page, Timestamp } from './common.js'
import { ServerName } from './catalog.js'

export const ToolsMode = Type.Union([Type.Literal('all'), Type.Literal('search')], {
  description: 'all: every tool listed; search: only find_tools, describe_tool and call_tool, which reach every tool'
})
export type ToolsMode = Static<typeof ToolsMode>

export const ProfileName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'letters, digits, dot, dash, underscore' })
const ToolName = Type.String({ minLength: 1, maxLength: 256 })

export const ProfileServer = Type.Object({
  name: ServerName,
  tools: Type.Optional(Type.Array(ToolName, { uniqueItems: true, maxItems: 500, description: 'the tools allowed, as the server names them; absent: all of them' }))
}, { additionalProperties: false })

export const GatewayProfileBody = Type.Object({
  name: ProfileName,
  description: Type.Optional(Type.String({ maxLength: 500 })),
  servers: Type.Array(ProfileServer, { maxItems: 100, description: 'the installed servers a session of this profile sees (when running); every other server is hidden' }),
  sanctuary_tools: Type.Optional(Type.Array(ToolName, { uniqueItems: true, maxItems: 100, description: "the sanctuary's own tools allowed; absent: all of them" })),
  tools_mode: Type.Optional(ToolsMode)
}, { additionalProperties: false, title: 'GatewayProfileBody' })
export type GatewayProfileBody = Static<typeof GatewayProfileBody>

export const GatewayProfile = Type.Object({
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  servers: Type.Array(ProfileServer),
  sanctuary_tools: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: all of them' }),
  tools_mode: ToolsMode,
  created_at: Timestamp,
  updated_at: Timestamp
}, { $id: 'GatewayProfile', title: 'GatewayProfile' })
export type GatewayProfile = Static<typeof GatewayProfile>

export const GatewayProfilePage = Page(Type.Ref(GatewayProfile), 'GatewayProfilePage')
export const ProfileParams = Type.Object({ name: ProfileName })
export const PageQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, { additionalProperties: false })

/** `?profile=` and `?tools=` of /mcp; read when a session is opened. */
export const GatewaySessionQuery = Type.Object({
  profile: Type.Optional(ProfileName),
  tools: Type.Optional(ToolsMode)
})
export type GatewaySessionQuery = Static<typeof GatewaySessionQuery>

export const gatewayClients = ['claude-desktop', 'claude-code', 'vscode', 'cursor'] as const
export type GatewayClient = (typeof gatewayClients)[number]

export const GatewayConfigQuery = Type.Object({
  client: Type.Union(gatewayClients.map((name) => Type.Literal(name))),
  profile: Type.Optional(ProfileName),
  tools: Type.Optional(ToolsMode),
  include_token: Type.Boolean({ default: false, description: 'put the token this request used into the snippet (otherwise a placeholder)' })
}, { additionalProperties: false })

export const GatewayConfig = Type.Object({
  client: Type.String(),
  url: Type.String({ description: "the gateway's URL, with the profile and tools mode" }),
  file: Type.String({ description: 'where the snippet goes' }),
  config: Type.Object({}, { additionalProperties: true, description: 'the JSON to merge into that file' }),
  command: Type.Union([Type.String(), Type.Null()], { description: 'a shell command that does the same, for clients that have one' }),
  notes: Type.Array(Type.String())
}, { title: 'GatewayConfig' })
export type GatewayConfig = Static<typeof GatewayConfig>

export const CallMethod = Type.Union([Type.Literal('tools/call'), Type.Literal('resources/read'), Type.Literal('prompts/get')])
export const CallOutcome = Type.Union(['ok', 'tool_error', 'error', 'timeout', 'cancelled'].map((outcome) => Type.Literal(outcome)), {
  description: 'ok; tool_error: the tool ran and reported a failure; error: the call failed (unknown, refused, server gone); timeout; cancelled by the client'
})

export const GatewayCall = Type.Object({
  id: Type.String(),
  user_id: Type.String(),
  session_id: Type.String(),
  profile: Type.Union([Type.String(), Type.Null()]),
  method: CallMethod,
  server: Type.String({ description: 'the install, or `sanctuary` for its own tools' }),
  name: Type.Union([Type.String(), Type.Null()], { description: 'the tool or prompt as the server names it; null for a resource read' }),
  duration_ms: Type.Number(),
  outcome: CallOutcome,
  error_code: Type.Union([Type.String(), Type.Null()]),
  created_at: Timestamp
}, { $id: 'GatewayCall', title: 'GatewayCall' })
export type GatewayCall = Static<typeof GatewayCall>

export const GatewayCallPage = Page(Type.Ref(GatewayCall), 'GatewayCallPage')

export const GatewayCallsQuery = Type.Object({
  limit: Limit,
  cursor: Type.Optional(Cursor),
  server: Type.Optional(Type.String({ maxLength: 200 })),
  outcome: Type.Optional(CallOutcome),
  session_id: Type.Optional(Type.String({ maxLength: 64 })),
  user_id: Type.Optional(Type.String({ maxLength: 64, description: 'admin only: one user\'s calls' }))
}, { additionalProperties: false })
export type GatewayCallsQuery = Static<typeof GatewayCallsQuery>
