import { McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js'
import { McpNotRunningError } from '../mcp-runtime/errors.js'
import { asMcpError, describedBy, gather, recorded, runningUpstreams, type GatewayContext, type HandlerExtra } from './context.js'
import { allowsServer, type SessionScope } from './scope.js'
import { gatewayTemplate, gatewayUri, upstreamUri } from './uris.js'

/** Every running server's resources, under gateway URIs. */
export async function listResources (context: GatewayContext, scope: SessionScope): Promise<Resource[]> {
  return await gather(context, await runningUpstreams(context, scope), async (server) => (await server.connection.listings.listResources())
    .map((resource) => ({ ...resource, uri: gatewayUri(server.name, resource.uri), description: describedBy(server.title, resource.description) })))
}

export async function listResourceTemplates (context: GatewayContext, scope: SessionScope): Promise<ResourceTemplate[]> {
  return await gather(context, await runningUpstreams(context, scope), async (server) => (await server.connection.listings.listResourceTemplates())
    .map((template) => ({ ...template, uriTemplate: gatewayTemplate(server.name, template.uriTemplate), description: describedBy(server.title, template.description) })))
}

/** Reads a gateway URI from the server it names; the contents come back under gateway URIs too. */
export async function readResource (context: GatewayContext, scope: SessionScope, uri: string, extra: HandlerExtra): Promise<ReadResourceResult> {
  const target = upstreamUri(uri)
  if (!target || !allowsServer(scope, target.server)) throw new McpError(-32002, `Resource not found: ${uri}`)
  try {
    return await recorded(context, scope, { method: 'resources/read', server: target.server, name: null }, extra.signal, async () => {
      const connection = context.runtime.connectionOf(scope.userId, target.server)
      if (!connection) throw new McpNotRunningError(target.server)
      const result = await connection.listings.readResource(target.uri, { signal: extra.signal })
      return {
        result: { ...result, contents: result.contents.map((content) => ({ ...content, uri: gatewayUri(target.server, content.uri) })) },
        outcome: { outcome: 'ok', error_code: null }
      }
    })
  } catch (error) {
    // A server that is not running has no resources to read.
    if (error instanceof McpNotRunningError) throw new McpError(-32002, error.message)
    throw asMcpError(context, error)
  }
}
