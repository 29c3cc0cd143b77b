import MiniSearch from 'minisearch'
import { Type, type Static, type TObject } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { McpError, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js'
import { normalizeTerm } from '../marketplace/vocabulary.js'
import type { GatewayContext, HandlerExtra } from './context.js'
import type { SessionScope } from './scope.js'
import { availableTools, callTool } from './tools.js'

const FindInput = Type.Object({
  query: Type.String({ minLength: 1, maxLength: 200, description: 'what the tool should do, in a few words' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'how many tools, 10 by default' }))
})
const DescribeInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 256, description: 'a name find_tools gave' }) })
const CallInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 256, description: 'a name find_tools gave' }),
  arguments: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "matching the tool's input schema (describe_tool shows it)" }))
})

const readOnly = { readOnlyHint: true, openWorldHint: false }

/** The three tools a search-mode session lists instead of every tool. */
export const searchModeTools: McpTool[] = [
  { name: 'find_tools', title: 'Find tools', description: 'Search every tool available here (of every running MCP server and of Podplay Sanctuary) by what it does; answers names, titles and descriptions, best first.', inputSchema: FindInput as McpTool['inputSchema'], annotations: readOnly },
  { name: 'describe_tool', title: 'Describe a tool', description: "A tool's full description: its input schema (the arguments call_tool needs), output schema and annotations.", inputSchema: DescribeInput as McpTool['inputSchema'], annotations: readOnly },
  { name: 'call_tool', title: 'Call a tool', description: 'Call any tool found with find_tools, with its arguments; answers what the tool answers.', inputSchema: CallInput as McpTool['inputSchema'] }
]
export const searchModeToolNames = new Set(searchModeTools.map((tool) => tool.name))

function jsonResult (value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value }
}

function errorResult (message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true }
}

/** The arguments if they match, else the error result that says why. */
function checked<S extends TObject> (schema: S, args: Record<string, unknown>): { input: Static<S> } | { refusal: CallToolResult } {
  const problem = Value.Errors(schema, args).First()
  return problem ? { refusal: errorResult(`Invalid arguments: ${problem.path || '/'} ${problem.message}`) } : { input: args as Static<S> }
}

/** Ranks the available tools with the catalog's search library: prefixes and typos forgiven, names and titles first. */
async function findTools (context: GatewayContext, scope: SessionScope, query: string, limit: number): Promise<CallToolResult> {
  const tools = (await availableTools(context, scope)).map((tool) => tool.definition)
  const index = new MiniSearch<McpTool>({ idField: 'name', fields: ['name', 'title', 'description'], storeFields: [], processTerm: normalizeTerm })
  index.addAll(tools)
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  const hits = index.search(query, { prefix: (term) => term.length >= 2, fuzzy: (term) => (term.length >= 4 ? 0.2 : false), boost: { name: 3, title: 3, description: 1 } })
  const found = hits.slice(0, limit).map((hit) => {
    const tool = byName.get(hit.id as string)!
    return { name: tool.name, title: tool.title ?? null, description: tool.description ?? null }
  })
  return jsonResult({ query, total: hits.length, tools: found })
}

/** A call to find_tools, describe_tool or call_tool. */
export async function callSearchTool (context: GatewayContext, scope: SessionScope, name: string, args: Record<string, unknown>, extra: HandlerExtra): Promise<CallToolResult> {
  if (name === 'find_tools') {
    const find = checked(FindInput, args)
    return 'refusal' in find ? find.refusal : await findTools(context, scope, find.input.query, find.input.limit ?? 10)
  }
  if (name === 'describe_tool') {
    const describe = checked(DescribeInput, args)
    if ('refusal' in describe) return describe.refusal
    const tool = (await availableTools(context, scope)).find((candidate) => candidate.definition.name === describe.input.name)
    return tool ? jsonResult({ ...tool.definition }) : errorResult(`No tool is named ${describe.input.name}; find_tools lists the tools`)
  }
  const call = checked(CallInput, args)
  if ('refusal' in call) return call.refusal
  const input = call.input
  try {
    return await callTool(context, scope, input.name, input.arguments ?? {}, extra)
  } catch (error) {
    if (error instanceof McpError) return errorResult(`No tool is named ${input.name}; find_tools lists the tools`)
    throw error
  }
}
