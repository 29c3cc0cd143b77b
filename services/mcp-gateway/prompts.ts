import { ErrorCode, McpError, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js'
import { McpNotRunningError } from '../mcp-runtime/errors.js'
import { asMcpError, describedBy, gather, recorded, runningUpstreams, type GatewayContext, type HandlerExtra } from './context.js'
import { allowsServer, type SessionScope } from './scope.js'
import { rewriteContent } from './uris.js'

/** Every running server's prompts, named `<server>__<prompt>` the way tools are. */
export async function listPrompts (context: GatewayContext, scope: SessionScope): Promise<Prompt[]> {
  const names = context.names(scope.userId).prompts
  return await gather(context, await runningUpstreams(context, scope), async (server) => (await server.connection.listings.listPrompts())
    .map((prompt) => ({ ...prompt, name: names.nameFor(server.name, prompt.name), description: describedBy(server.title, prompt.description) })))
}

/** Gets a prompt from the server its gateway name belongs to. */
export async function getPrompt (context: GatewayContext, scope: SessionScope, name: string, args: Record<string, string>, extra: HandlerExtra): Promise<GetPromptResult> {
  const names = context.names(scope.userId).prompts
  // A name not given out yet (no session listed since the server started): list, then look again.
  const owner = names.resolve(name) ?? (await listPrompts(context, scope), names.resolve(name))
  if (!owner || !allowsServer(scope, owner.server)) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`)
  try {
    return await recorded(context, scope, { method: 'prompts/get', server: owner.server, name: owner.item }, extra.signal, async () => {
      const connection = context.runtime.connectionOf(scope.userId, owner.server)
      if (!connection) throw new McpNotRunningError(owner.server)
      const result = await connection.listings.getPrompt(owner.item, args, { signal: extra.signal })
      const messages = result.messages.map((message) => ({ ...message, content: rewriteContent(owner.server, [message.content])[0] }))
      return { result: { ...result, messages }, outcome: { outcome: 'ok', error_code: null } }
    })
  } catch (error) {
    throw asMcpError(context, error)
  }
}
