import type { FastifyBaseLogger } from 'fastify'
import type { McpRuntime } from '../../mcp-runtime/runtime.js'
import type { ToolCallResult } from '../../mcp-runtime/connection.js'
import { safeName } from '../../mcp-gateway/names.js'
import type { Tool, ToolSource } from '../tools.js'

/** Models accept at most 128 tools (OpenAI); the product's own need a few places. */
const MAX_MCP_TOOLS = 100
const MAX_NAME_LENGTH = 64

/**
 * `mcp__<server>__<tool>`, within what every provider accepts as a function name, made safe the
 * way the MCP gateway names tools.
 */
export function mcpToolName (server: string, tool: string): string {
  return safeName(`mcp__${server}__${tool}`, MAX_NAME_LENGTH)
}

/** MCP content as text for a model: text as is, binary content described rather than pasted. */
export function renderMcpContent (result: ToolCallResult): string {
  const parts = result.content.map((item) => {
    if (item.type === 'text' && typeof item.text === 'string') return item.text
    if (item.type === 'image' || item.type === 'audio') return `[${item.type} ${String(item.mimeType ?? '')}]`
    return JSON.stringify(item)
  })
  if (parts.length === 0 && result.structured_content) parts.push(JSON.stringify(result.structured_content))
  return parts.join('\n')
}

/** The tools of the user's running MCP servers, listed afresh for every answer. */
export function mcpToolSource (runtime: McpRuntime, log: FastifyBaseLogger): ToolSource {
  return async (userId) => {
    const tools: Tool[] = []
    for (const status of runtime.runningFor(userId)) {
      let listed
      try {
        listed = await runtime.listTools(userId, status.name)
      } catch (error) {
        log.warn({ err: error, mcp_server: status.name }, 'could not list an MCP server\'s tools')
        continue
      }
      for (const info of listed) {
        tools.push({
          name: mcpToolName(status.name, info.name),
          description: info.description ?? `The ${info.name} tool of the MCP server ${status.name}`,
          input_schema: info.input_schema,
          async execute (args) {
            const result = await runtime.callTool(userId, status.name, info.name, args)
            return { content: renderMcpContent(result), is_error: result.is_error }
          }
        })
      }
    }
    if (tools.length > MAX_MCP_TOOLS) log.warn({ offered: MAX_MCP_TOOLS, available: tools.length }, 'too many MCP tools; offering the first ones')
    return tools.slice(0, MAX_MCP_TOOLS)
  }
}
