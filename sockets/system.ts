import { SYSTEM_STATUS_ROOM, type SocketHandlers } from './types.js'

/** The original's diagnostics and the live system status (DESIGN.md §3). */
export const systemHandlers: SocketHandlers = {
  test_event ({ socket }, data) {
    socket.emit('test_response', { status: 'success', message: 'Test event received', data: data ?? null })
    return { ok: true }
  },
  async system_status_request ({ app, socket }) {
    socket.emit('system_status', await app.systemStatus())
    return { ok: true }
  },
  async system_status_subscribe ({ app, socket }) {
    await socket.join(SYSTEM_STATUS_ROOM)
    socket.emit('system_status', await app.systemStatus())
    return { ok: true }
  },
  async system_status_unsubscribe ({ socket }) {
    await socket.leave(SYSTEM_STATUS_ROOM)
    return { ok: true }
  }
}
