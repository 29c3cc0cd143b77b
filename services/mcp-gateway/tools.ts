import { ErrorCode, McpError, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js'
import { runTool, type Tool } from '../mama-bear/tools.js'
import { clientMessage, describedBy, gather, progressRelay, recorded, runningUpstreams, type GatewayContext, type HandlerExtra, type Upstream } from './context.js'
import { allowsOwnTool, allowsTool, type SessionScope } from './scope.js'
import { rewriteContent } from './uris.js'

/** The server name recorded for the sanctuary's own tools. */
export const SANCTUARY = 'sanctuary'
const SANCTUARY_TITLE = 'Podplay Sanctuary'

/** Where a call to a tool goes: a server's tool by its own name, or one of the sanctuary's. */
export interface ToolTarget {
  server: string
  tool: string
  own?: Tool
}

/** A tool as a session sees it. */
export interface ExposedTool extends ToolTarget {
  definition: McpTool
}

/** An upstream tool under its gateway name; everything else passes through but task execution, which the gateway does not relay. */
function exposeUpstream (upstream: Upstream, tool: McpTool, name: string): McpTool {
  const { execution: _notRelayed, ...rest } = tool
  return { ...rest, name, description: describedBy(upstream.title, tool.description) }
}

function exposeOwn (tool: Tool): McpTool {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: describedBy(SANCTUARY_TITLE, tool.description),
    inputSchema: tool.input_schema as McpTool['inputSchema'],
    ...(tool.annotations ? { annotations: tool.annotations } : {})
  }
}

/** Every tool the session may call: the sanctuary's own first, then each running server's. */
export async function availableTools (context: GatewayContext, scope: SessionScope): Promise<ExposedTool[]> {
  const names = context.names(scope.userId).tools
  const own = context.ownTools().filter((tool) => allowsOwnTool(scope, tool.name))
    .map((tool): ExposedTool => ({ definition: exposeOwn(tool), server: SANCTUARY, tool: tool.name, own: tool }))
  const upstream = await gather(context, await runningUpstreams(context, scope), async (server) => (await server.connection.toolDefinitions())
    .filter((tool) => allowsTool(scope, server.name, tool.name))
    .map((tool): ExposedTool => ({ definition: exposeUpstream(server, tool, names.nameFor(server.name, tool.name)), server: server.name, tool: tool.name })))
  return [...own, ...upstream]
}

/** The tool behind an exposed name, if the session may call it. */
export async function findTool (context: GatewayContext, scope: SessionScope, name: string): Promise<ToolTarget | undefined> {
  const own = context.ownTools().find((tool) => tool.name === name)
  if (own) return allowsOwnTool(scope, name) ? { server: SANCTUARY, tool: own.name, own } : undefined
  const owner = context.names(scope.userId).tools.resolve(name)
  if (owner) return allowsTool(scope, owner.server, owner.item) ? { server: owner.server, tool: owner.item } : undefined
  // A name not given out yet (no session listed since the server started): list, then look again.
  return (await availableTools(context, scope)).find((tool) => tool.definition.name === name)
}

function errorResult (message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true }
}

/**
 * Calls a tool for a session: the sanctuary's own through Mama Bear's tool runner, an upstream one
 * through the MCP runtime (its timeout, the client's cancellation, progress passed on). Whatever
 * goes wrong upstream is an error result, never a failed request; an unknown name is invalid params.
 */
export async function callTool (context: GatewayContext, scope: SessionScope, name: string, args: Record<string, unknown>, extra: HandlerExtra): Promise<CallToolResult> {
  const target = await findTool(context, scope, name)
  if (!target) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`)
  return await recorded(context, scope, { method: 'tools/call', server: target.server, name: target.tool }, extra.signal, async () => {
    if (target.own) {
      const result = await runTool(target.own, args, { userId: scope.userId, signal: extra.signal }, context.callTimeoutMs, context.log)
      return { result: { content: [{ type: 'text', text: result.content }], isError: result.is_error }, outcome: { outcome: result.is_error ? 'tool_error' : 'ok', error_code: null } }
    }
    const connection = context.runtime.connectionOf(scope.userId, target.server)
    if (!connection) return { result: errorResult(`The MCP server '${target.server}' is not running`), outcome: { outcome: 'error', error_code: 'MCP_NOT_RUNNING' } }
    try {
      const result = await connection.callTool(target.tool, args, { signal: extra.signal, onprogress: progressRelay(extra) })
      return {
        result: {
          content: rewriteContent(target.server, result.content) as CallToolResult['content'],
          ...(result.structured_content ? { structuredContent: result.structured_content } : {}),
          isError: result.is_error
        },
        outcome: { outcome: result.is_error ? 'tool_error' : 'ok', error_code: null }
      }
    } catch (error) {
      if (extra.signal.aborted) throw error // cancelled: the client expects no answer, and the SDK sends none
      const code = (error as { code?: string }).code
      return { result: errorResult(clientMessage(context, error)), outcome: { outcome: code === 'MCP_CALL_TIMEOUT' ? 'timeout' : 'error', error_code: code ?? 'INTERNAL_ERROR' } }
    }
  })
}
