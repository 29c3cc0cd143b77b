import { userRoom, type SocketBridge } from './types.js'

/**
 * Every state change of a user's server (starting, running, crashed, stopped) reaches every socket
 * of that user as `mcp_server_status`, the event the marketplace uses for installs; a running
 * server's announcement that its tools, resources or prompts changed as `mcp_server_list_changed`.
 */
export const mcpRuntimeBridge: SocketBridge = (app, io) => {
  app.mcpRuntime.events.on('status', (status) => {
    io.to(userRoom(status.user_id)).emit('mcp_server_status', status)
  })
  app.mcpRuntime.events.on('list_changed', (change) => {
    io.to(userRoom(change.user_id)).emit('mcp_server_list_changed', change)
  })
}
