import createError from '@fastify/error'

export const McpNotRunningError = createError<[string]>('MCP_NOT_RUNNING', "The MCP server '%s' is not running; start it first", 409)
export const McpLimitError = createError<[string]>('MCP_LIMIT_REACHED', '%s', 429)
export const McpStartError = createError<[string, string]>('MCP_START_FAILED', "The MCP server '%s' could not be started: %s", 502)
export const McpServerGoneError = createError<[string]>('MCP_SERVER_GONE', "The MCP server '%s' closed the connection during the call", 502)
export const McpCallFailedError = createError<[string, string]>('MCP_CALL_FAILED', "The MCP server '%s' answered with an error: %s", 502)
export const McpToolNotFoundError = createError<[string, string]>('MCP_TOOL_NOT_FOUND', "The MCP server '%s' has no tool '%s'", 404)
export const McpInvalidArgumentsError = createError<[string, string]>('MCP_INVALID_ARGUMENTS', "Arguments for the tool '%s' do not match its input schema: %s", 400)
export const McpCallTimeoutError = createError<[string, number]>('MCP_CALL_TIMEOUT', 'No answer to %s within %d ms; the request was cancelled', 504)
export const McpResourceNotFoundError = createError<[string, string]>('MCP_RESOURCE_NOT_FOUND', "The MCP server '%s' has no resource '%s'", 404)
export const McpPromptNotFoundError = createError<[string, string]>('MCP_PROMPT_NOT_FOUND', "The MCP server '%s' has no prompt '%s'", 404)
export const McpInvalidPromptArgumentsError = createError<[string, string]>('MCP_INVALID_ARGUMENTS', "Arguments for the prompt '%s' are not valid: %s", 400)
