import type { LaunchSpec } from '../marketplace/launch.js'
import type { McpTestResult } from '../../schemas/mcp-runtime.js'
import { McpConnection } from './connection.js'
import { LogBuffer } from './log-buffer.js'

export interface ProbeOptions {
  label: string
  startTimeoutMs: number
  callTimeoutMs: number
}

const round = (ms: number) => Math.round(ms * 100) / 100

/**
 * A test connection: start the server on the side, initialise, list its tools, stop it again,
 * timing each step. A failure is a result to report, not an error of the test itself.
 */
export async function probe (spec: LaunchSpec, options: ProbeOptions): Promise<McpTestResult> {
  const log = new LogBuffer(50)
  const began = performance.now()
  let connection: McpConnection | undefined
  let initializeMs: number | null = null
  try {
    connection = await McpConnection.open(spec, { ...options, log })
    initializeMs = performance.now() - began
    const tools = await connection.listTools()
    const total = performance.now() - began
    return {
      success: true,
      latency_ms: round(total),
      initialize_ms: round(initializeMs),
      list_tools_ms: round(total - initializeMs),
      transport: connection.kind,
      server_info: connection.serverInfo,
      tools: tools.map((tool) => tool.name),
      error: null
    }
  } catch (error) {
    return {
      success: false,
      latency_ms: round(performance.now() - began),
      initialize_ms: initializeMs === null ? null : round(initializeMs),
      list_tools_ms: null,
      transport: connection?.kind ?? null,
      server_info: connection?.serverInfo ?? null,
      tools: [],
      error: log.explain((error as Error).message, 0)
    }
  } finally {
    await connection?.close()
  }
}
