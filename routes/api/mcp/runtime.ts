import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import {
  InstalledServerParams, LogsQuery, McpLogs, McpRuntimeStatus, McpTestResult, McpToolCallResult, McpToolList,
  ToolCallBody, ToolParams
} from '../../../schemas/mcp-runtime.js'

const tags = ['mcp-runtime']
const Status = Type.Ref(McpRuntimeStatus)

const lifecycle = [
  { action: 'start', operationId: 'startMcpServer', summary: 'Start an installed MCP server (a child process, or a connection to a remote); a running one is left as it is' },
  { action: 'stop', operationId: 'stopMcpServer', summary: 'Stop an installed MCP server and wait until its process has exited' },
  { action: 'restart', operationId: 'restartMcpServer', summary: 'Stop an installed MCP server if it runs, then start it again' }
] as const

/** Running the user's installed MCP servers: lifecycle, status, logs, tools and tool calls. */
const runtime: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const { action, operationId, summary } of lifecycle) {
    fastify.post(`/installed/:name/${action}`, {
      schema: {
        operationId,
        tags,
        summary,
        params: InstalledServerParams,
        response: { 200: Status, 404: ErrorRef, 422: ErrorRef, 502: ErrorRef, ...authErrors }
      }
    }, async (request) => fastify.mcpRuntime[action](request.principal!.userId, request.params.name))
  }

  fastify.post('/installed/:name/test', {
    schema: {
      operationId: 'testMcpServer',
      tags,
      summary: 'Test an install: start it on the side, initialise, list its tools, stop it, and report the latency',
      params: InstalledServerParams,
      response: { 200: McpTestResult, 404: ErrorRef, 422: ErrorRef, ...authErrors }
    }
  }, async (request) => fastify.mcpRuntime.test(request.principal!.userId, request.params.name))

  fastify.get('/installed/:name/status', {
    schema: {
      operationId: 'getMcpServerStatus',
      tags,
      summary: 'State, process id, uptime, exit code, last error and the server\'s name and version from the handshake',
      params: InstalledServerParams,
      response: { 200: Status, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => fastify.mcpRuntime.status(request.principal!.userId, request.params.name))

  fastify.get('/installed/:name/logs', {
    schema: {
      operationId: 'getMcpServerLogs',
      tags,
      summary: 'The last lines the server wrote to stderr, with the runtime\'s own notes (started, exited…)',
      params: InstalledServerParams,
      querystring: LogsQuery,
      response: { 200: McpLogs, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name } = request.params
    return { name, lines: await fastify.mcpRuntime.logs(request.principal!.userId, name, request.query.lines) }
  })

  fastify.get('/installed/:name/tools', {
    schema: {
      operationId: 'listMcpServerTools',
      tags,
      summary: 'The tools of a running server, from the live connection (cached until the server says they changed)',
      params: InstalledServerParams,
      response: { 200: McpToolList, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name } = request.params
    return { name, tools: await fastify.mcpRuntime.listTools(request.principal!.userId, name) }
  })

  fastify.post('/installed/:name/tools/:tool/call', {
    schema: {
      operationId: 'callMcpServerTool',
      tags,
      summary: 'Call a tool of a running server; the arguments are checked against its input schema, and a call past the timeout is cancelled (504)',
      params: ToolParams,
      body: ToolCallBody,
      response: { 200: Type.Ref(McpToolCallResult), 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name, tool } = request.params
    return fastify.mcpRuntime.callTool(request.principal!.userId, name, tool, request.body.arguments)
  })
}

export default runtime
