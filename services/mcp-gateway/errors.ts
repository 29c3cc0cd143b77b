import createError from '@fastify/error'

export const ProfileNotFoundError = createError<[string]>('GATEWAY_PROFILE_NOT_FOUND', 'You have no MCP gateway profile named %s', 404)
export const UnknownSanctuaryToolError = createError<[string, string]>('GATEWAY_UNKNOWN_TOOL', 'The sanctuary has no tool %s; its tools are %s', 400)
export const SessionNotFoundError = createError('MCP_SESSION_NOT_FOUND', 'No such MCP session here (it ended, expired, or lives on another instance); initialize a new one', 404)
export const SessionRequiredError = createError('MCP_SESSION_REQUIRED', 'This request needs an Mcp-Session-Id header; only an initialize request opens a session', 400)
export const InvalidCursorError = createError('INVALID_CURSOR', 'The cursor is not one this list produced; start again without a cursor', 400)
export const GatewayClosingError = createError('SHUTTING_DOWN', 'The service is shutting down; connect again in a moment', 503)
