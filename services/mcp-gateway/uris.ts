/**
 * Resource URIs as the gateway shows them: one scheme for every server, naming the server in the
 * authority and carrying the original URI in the path, so a read can be routed back.
 *
 * - a listed resource: `sanctuary://<server>/r/<the original URI, percent-encoded>`;
 * - a resource template: `sanctuary://<server>/t/<the original template, as it is>`: the client
 *   expands the template itself, so what follows `/t/` is exactly the URI the server's template
 *   yields, and passes back unchanged.
 */
const PREFIX = 'sanctuary://'
const PARSE = /^sanctuary:\/\/([^/]+)\/([rt])\/(.*)$/s

export interface UpstreamUri {
  server: string
  uri: string
}

function authority (server: string): string {
  return `${PREFIX}${encodeURIComponent(server)}`
}

export function gatewayUri (server: string, uri: string): string {
  return `${authority(server)}/r/${encodeURIComponent(uri)}`
}

export function gatewayTemplate (server: string, uriTemplate: string): string {
  return `${authority(server)}/t/${uriTemplate}`
}

/** The server and original URI behind a gateway URI; undefined for any other URI. */
export function upstreamUri (uri: string): UpstreamUri | undefined {
  const match = PARSE.exec(uri)
  if (!match) return undefined
  try {
    const [, server, form, rest] = match
    return { server: decodeURIComponent(server), uri: form === 'r' ? decodeURIComponent(rest) : rest }
  } catch {
    return undefined // a malformed percent-encoding names nothing
  }
}

type Content = { type: string, [field: string]: unknown }

/**
 * Content items with their resource URIs (embedded resources, resource links) in gateway form, so
 * the client can read them back through the gateway.
 */
export function rewriteContent<T extends Content> (server: string, content: T[]): T[] {
  return content.map((item) => {
    if (item.type === 'resource_link' && typeof item.uri === 'string') return { ...item, uri: gatewayUri(server, item.uri) }
    const resource = item.resource as { uri?: unknown } | undefined
    if (item.type === 'resource' && typeof resource?.uri === 'string') return { ...item, resource: { ...resource, uri: gatewayUri(server, resource.uri) } }
    return item
  })
}
