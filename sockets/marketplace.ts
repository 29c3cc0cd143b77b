import { userRoom, type SocketBridge } from './types.js'

/**
 * Installs, updates and uninstalls reach every socket of the user, on any instance (the adapter carries
 * them across), as `mcp_server_status`; the MCP runtime sends its process states as the same event.
 */
export const marketplaceBridge: SocketBridge = (app, io) => {
  for (const state of ['installed', 'updated', 'uninstalled'] as const) {
    app.marketplace.events.on(state, ({ user_id: userId, name }) => {
      io.to(userRoom(userId)).emit('mcp_server_status', { name, user_id: userId, state, timestamp: new Date().toISOString() })
    })
  }
}
