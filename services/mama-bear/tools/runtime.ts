import { Type } from '@sinclair/typebox'
import { ServerName } from '../../../schemas/catalog.js'
import type { McpRuntime } from '../../mcp-runtime/runtime.js'
import { defineTool, type Tool } from '../tools.js'

const ServerArgument = Type.Object({ name: ServerName })

const actions = [
  { action: 'start', title: 'Start an MCP server', description: 'Start one of the user\'s installed MCP servers (a running one is left as it is); answers its state once it runs.' },
  { action: 'stop', title: 'Stop an MCP server', description: 'Stop one of the user\'s running MCP servers and wait until it has exited.' },
  { action: 'restart', title: 'Restart an MCP server', description: 'Stop one of the user\'s MCP servers if it runs, then start it again.' }
] as const

/** The MCP runtime as tools: start, stop, restart and the status of one of the user's installs. */
export function runtimeTools (runtime: McpRuntime): Tool[] {
  return [
    ...actions.map(({ action, title, description }) => defineTool({
      name: `${action}_server`,
      title,
      description,
      annotations: { readOnlyHint: false, destructiveHint: action !== 'start', idempotentHint: action !== 'restart', openWorldHint: false },
      input: ServerArgument,
      run: async ({ name }, { userId }) => await runtime[action](userId, name)
    })),
    defineTool({
      name: 'server_status',
      title: 'MCP server status',
      description: 'The state of one of the user\'s MCP servers: running, stopped, starting or crashed, with its uptime, restarts and last error.',
      annotations: { readOnlyHint: true, openWorldHint: false },
      input: ServerArgument,
      run: async ({ name }, { userId }) => await runtime.status(userId, name)
    })
  ]
}
