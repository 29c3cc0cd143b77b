import { Type } from '@sinclair/typebox'
import type { SystemStatus } from '../../../schemas/health.js'
import { defineTool, type Tool } from '../tools.js'
import { productTools } from './shapes.js'

/** The live system status (services up or down, CPU, memory, clients), as the dashboard shows it. */
export function systemStatusTool (systemStatus: () => Promise<SystemStatus>): Tool {
  return defineTool({
    name: productTools.status,
    title: 'System status',
    annotations: { readOnlyHint: true, openWorldHint: false },
    description: 'The Podplay Sanctuary system status: which services are up, CPU and memory use, open workspaces, terminals and connected clients.',
    input: Type.Object({}),
    run: async () => await systemStatus()
  })
}
