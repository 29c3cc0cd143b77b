import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import { InstalledServerParams, McpPromptList, McpPromptResult, PromptGetBody, PromptParams } from '../../../schemas/mcp-runtime.js'

const tags = ['mcp-runtime']

/** The prompts of a running server, through its live connection. */
const prompts: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/installed/:name/prompts', {
    schema: {
      operationId: 'listMcpServerPrompts',
      tags,
      summary: 'The prompts of a running server and the arguments each takes (cached until the server says they changed)',
      params: InstalledServerParams,
      response: { 200: McpPromptList, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name } = request.params
    return { name, prompts: await fastify.mcpRuntime.listPrompts(request.principal!.userId, name) }
  })

  fastify.post('/installed/:name/prompts/:prompt/get', {
    schema: {
      operationId: 'getMcpServerPrompt',
      tags,
      summary: 'Get a prompt of a running server with its arguments (required ones checked first); a request past the timeout is cancelled (504)',
      params: PromptParams,
      body: PromptGetBody,
      response: { 200: McpPromptResult, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const { name, prompt } = request.params
    return { name, prompt, ...await fastify.mcpRuntime.getPrompt(request.principal!.userId, name, prompt, request.body.arguments) }
  })
}

export default prompts
