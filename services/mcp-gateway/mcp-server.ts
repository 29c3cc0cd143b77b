import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema, ReadResourceRequestSchema
} from '@modelcontextprotocol/sdk/types.js'
import { version } from '../../plugins/version.js'
import type { GatewayContext, HandlerExtra } from './context.js'
import { getPrompt, listPrompts } from './prompts.js'
import { listResources, listResourceTemplates, readResource } from './resources.js'
import type { SessionScope } from './scope.js'
import { callSearchTool, searchModeToolNames, searchModeTools } from './search-mode.js'
import { availableTools, callTool } from './tools.js'

const INSTRUCTIONS = [
  'Podplay Sanctuary gathers the MCP servers you run there into this one server.',
  'Tools and prompts are named <server>__<name>; resources are sanctuary:// URIs naming their server.',
  'The sanctuary\'s own tools (marketplace search, install, start and stop servers, briefing, status) have plain names.',
  'The lists change as servers start and stop: this server sends list_changed notifications.'
].join(' ')

const SEARCH_INSTRUCTIONS = 'This session lists three tools only: find_tools finds any available tool by what it does, describe_tool shows its arguments, call_tool calls it.'

/**
 * The SDK Server of one session, answering from the user's running servers and the sanctuary's
 * own tools. Every list is gathered when asked (the runtime caches each server's lists), so a
 * session always sees what runs now. listChanged is declared before connecting, as the SDK needs.
 */
export function createSessionServer (context: GatewayContext, scope: SessionScope): Server {
  const server = new Server({ name: 'podplay-sanctuary', title: 'Podplay Sanctuary', version }, {
    capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: { listChanged: true } },
    instructions: scope.mode === 'search' ? `${INSTRUCTIONS} ${SEARCH_INSTRUCTIONS}` : INSTRUCTIONS
  })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: scope.mode === 'search' ? searchModeTools : (await availableTools(context, scope)).map((tool) => tool.definition)
  }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args = {} } = request.params
    if (scope.mode === 'search' && searchModeToolNames.has(name)) return await callSearchTool(context, scope, name, args, extra as HandlerExtra)
    return await callTool(context, scope, name, args, extra as HandlerExtra)
  })
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: await listResources(context, scope) }))
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: await listResourceTemplates(context, scope) }))
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => await readResource(context, scope, request.params.uri, extra as HandlerExtra))
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: await listPrompts(context, scope) }))
  server.setRequestHandler(GetPromptRequestSchema, async (request, extra) => await getPrompt(context, scope, request.params.name, request.params.arguments ?? {}, extra as HandlerExtra))
  return server
}
