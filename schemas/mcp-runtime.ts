import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Timestamp } from './common.js'
import { PackageTransport, ServerName } from './catalog.js'

export const McpServerState = Type.Union([Type.Literal('stopped'), Type.Literal('starting'), Type.Literal('running'), Type.Literal('crashed')], {
  description: 'stopped (not running), starting (spawning and initialising), running (initialised), crashed (ended by itself)'
})
export type McpServerState = Static<typeof McpServerState>

/** What the server said about itself in the MCP handshake. */
export const McpServerInfo = Type.Object({ name: Type.String(), version: Type.String() }, { title: 'McpServerInfo' })

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * The run-time fields of a server's status; also the optional fields of the `mcp_server_status`
 * socket event (schemas/marketplace.ts), which carries the same object.
 */
export const runtimeStatusFields = {
  transport: Nullable(PackageTransport),
  pid: Nullable(Type.Integer({ description: 'the child process, for a local (stdio) server' })),
  started_at: Nullable(Timestamp),
  uptime_ms: Nullable(Type.Integer({ minimum: 0 })),
  exit_code: Nullable(Type.Integer({ description: 'how the last process ended' })),
  signal: Nullable(Type.String({ description: 'the signal that ended the last process' })),
  last_error: Nullable(Type.String()),
  restarts: Type.Integer({ minimum: 0, description: 'automatic restarts since the last start by hand' }),
  next_restart_at: Nullable(Timestamp),
  server_info: Nullable(McpServerInfo)
}

/** The same fields, optional: the `mcp_server_status` event carries them when the runtime sends it. */
export const RuntimeStatusExtras = Type.Partial(Type.Object(runtimeStatusFields))

export const McpRuntimeStatus = Type.Object({
  name: Type.String(),
  user_id: Type.String(),
  state: McpServerState,
  ...runtimeStatusFields,
  timestamp: Timestamp
}, { $id: 'McpRuntimeStatus', title: 'McpRuntimeStatus' })
export type McpRuntimeStatus = Static<typeof McpRuntimeStatus>

export const InstalledServerParams = Type.Object({ name: ServerName })
export const ToolParams = Type.Object({ name: ServerName, tool: Type.String({ minLength: 1, maxLength: 256 }) })

export const LogsQuery = Type.Object({
  lines: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'how many of the last lines' })
}, { additionalProperties: false })

export const McpLogLine = Type.Object({
  timestamp: Timestamp,
  stream: Type.Union([Type.Literal('stderr'), Type.Literal('runtime')], { description: "the child's stderr, or a note of the runtime's own" }),
  text: Type.String()
}, { title: 'McpLogLine' })

export const McpLogs = Type.Object({ name: Type.String(), lines: Type.Array(McpLogLine) }, { title: 'McpLogs' })

export const McpTool = Type.Object({
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  input_schema: Type.Object({}, { additionalProperties: true, description: 'the JSON Schema the arguments must match' })
}, { $id: 'McpTool', title: 'McpTool' })
export type McpTool = Static<typeof McpTool>

export const McpToolList = Type.Object({ name: Type.String(), tools: Type.Array(Type.Ref(McpTool)) }, { title: 'McpToolList' })

export const ToolCallBody = Type.Object({
  arguments: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: "checked against the tool's input schema" })
}, { additionalProperties: false })

export const McpToolCallResult = Type.Object({
  content: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), { description: 'text, image, audio, resource or resource_link items' }),
  is_error: Type.Boolean({ description: 'the tool ran and reported a failure' }),
  structured_content: Type.Optional(Type.Object({}, { additionalProperties: true }))
}, { $id: 'McpToolCallResult', title: 'McpToolCallResult' })
export type McpToolCallResult = Static<typeof McpToolCallResult>

export const McpTestResult = Type.Object({
  success: Type.Boolean(),
  latency_ms: Type.Number({ description: 'start, initialise and list tools, in all' }),
  initialize_ms: Nullable(Type.Number()),
  list_tools_ms: Nullable(Type.Number()),
  transport: Nullable(PackageTransport),
  server_info: Nullable(McpServerInfo),
  tools: Type.Array(Type.String(), { description: 'the names of the tools offered' }),
  error: Nullable(Type.String())
}, { title: 'McpTestResult' })
export type McpTestResult = Static<typeof McpTestResult>

export const BulkAction = Type.Union([Type.Literal('start'), Type.Literal('stop'), Type.Literal('restart'), Type.Literal('uninstall')])
export type BulkAction = Static<typeof BulkAction>

export const BulkBody = Type.Object({
  action: BulkAction,
  names: Type.Array(ServerName, { minItems: 1, maxItems: 50, uniqueItems: true })
}, { additionalProperties: false })

export const BulkItemResult = Type.Object({
  name: Type.String(),
  success: Type.Boolean(),
  state: Type.Optional(McpServerState),
  error: Type.Optional(Type.Object({ statusCode: Type.Integer(), code: Type.String(), message: Type.String() }))
}, { title: 'BulkItemResult' })
export type BulkItemResult = Static<typeof BulkItemResult>

export const BulkResult = Type.Object({
  action: BulkAction,
  results: Type.Array(BulkItemResult, { description: 'one per name, in the order given' }),
  succeeded: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 })
}, { title: 'BulkResult' })
export type BulkResult = Static<typeof BulkResult>

const OptionalText = Nullable(Type.String())

export const McpResource = Type.Object({
  uri: Type.String(),
  name: Type.String(),
  title: OptionalText,
  description: OptionalText,
  mime_type: OptionalText,
  size: Nullable(Type.Integer({ minimum: 0, description: 'in bytes, when the server says' }))
}, { title: 'McpResource' })
export type McpResource = Static<typeof McpResource>

export const McpResourceTemplate = Type.Object({
  uri_template: Type.String({ description: 'an RFC 6570 URI template; read a URI it expands to' }),
  name: Type.String(),
  title: OptionalText,
  description: OptionalText,
  mime_type: OptionalText
}, { title: 'McpResourceTemplate' })
export type McpResourceTemplate = Static<typeof McpResourceTemplate>

export const McpResourceList = Type.Object({
  name: Type.String(),
  resources: Type.Array(McpResource),
  resource_templates: Type.Array(McpResourceTemplate)
}, { title: 'McpResourceList' })

export const ResourceReadQuery = Type.Object({
  uri: Type.String({ minLength: 1, maxLength: 4096, description: 'a resource URI, as listed or expanded from a template' })
}, { additionalProperties: false })

export const McpResourceContent = Type.Object({
  uri: Type.String(),
  mime_type: OptionalText,
  text: Type.Optional(Type.String()),
  blob: Type.Optional(Type.String({ description: 'base64' }))
}, { title: 'McpResourceContent' })
export type McpResourceContent = Static<typeof McpResourceContent>

export const McpResourceRead = Type.Object({ name: Type.String(), uri: Type.String(), contents: Type.Array(McpResourceContent) }, { title: 'McpResourceRead' })

export const McpPrompt = Type.Object({
  name: Type.String(),
  title: OptionalText,
  description: OptionalText,
  arguments: Type.Array(Type.Object({ name: Type.String(), description: OptionalText, required: Type.Boolean() }))
}, { title: 'McpPrompt' })
export type McpPrompt = Static<typeof McpPrompt>

export const McpPromptList = Type.Object({ name: Type.String(), prompts: Type.Array(McpPrompt) }, { title: 'McpPromptList' })

export const PromptParams = Type.Object({ name: ServerName, prompt: Type.String({ minLength: 1, maxLength: 256 }) })

export const PromptGetBody = Type.Object({
  arguments: Type.Record(Type.String({ maxLength: 256 }), Type.String(), { default: {}, description: 'string values, by argument name' })
}, { additionalProperties: false })

export const McpPromptResult = Type.Object({
  name: Type.String(),
  prompt: Type.String(),
  description: OptionalText,
  messages: Type.Array(Type.Object({
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
    content: Type.Object({ type: Type.String() }, { additionalProperties: true, description: 'text, image, audio, resource or resource_link' })
  }))
}, { title: 'McpPromptResult' })

export const McpListKind = Type.Union([Type.Literal('tools'), Type.Literal('resources'), Type.Literal('prompts')])

/** A running server announced that one of its lists changed (the socket event `mcp_server_list_changed`). */
export const McpListChanged = Type.Object({
  name: Type.String(),
  user_id: Type.String(),
  list: McpListKind,
  timestamp: Timestamp
}, { $id: 'McpListChanged', title: 'McpListChanged' })
export type McpListChanged = Static<typeof McpListChanged>
