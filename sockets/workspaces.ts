import { userRoom, type SocketBridge, type SocketHandlers } from './types.js'

const ROOM_PREFIX = 'workspace_'

/** The room of a workspace's subscribers; only the owner's sockets can join it. */
export const workspaceRoom = (workspaceId: string) => `${ROOM_PREFIX}${workspaceId}`

/**
 * Live updates of a workspace's files. Subscribing starts (or shares) the workspace's watcher; a
 * socket that leaves the room — by unsubscribing, disconnecting, or the workspace being deleted —
 * releases it, through the adapter's leave-room event in the bridge below.
 */
export const workspaceHandlers: SocketHandlers = {
  async workspace_subscribe ({ app, socket, principal }, { workspace_id: workspaceId }) {
    await app.workspaces.watch(principal.userId, workspaceId, socket.id)
    // A socket that left while the watcher started would never fire leave-room: release it now.
    if (socket.disconnected) {
      await app.workspaces.unwatch(workspaceId, socket.id)
      return { ok: true }
    }
    await socket.join(workspaceRoom(workspaceId))
    socket.emit('workspace_subscribed', { workspace_id: workspaceId })
    return { ok: true }
  },
  async workspace_unsubscribe ({ socket }, { workspace_id: workspaceId }) {
    await socket.leave(workspaceRoom(workspaceId))
    socket.emit('workspace_unsubscribed', { workspace_id: workspaceId })
    return { ok: true }
  }
}

/**
 * Changes go to the workspace's room on this instance only: every instance with subscribers runs
 * its own watcher, so a cluster-wide broadcast would deliver each change once per instance.
 */
export const workspaceBridge: SocketBridge = (app, io) => {
  app.workspaces.events.on('change', ({ owner_id: _owner, ...change }) => {
    io.local.to(workspaceRoom(change.workspace_id)).emit('workspace_change', change)
  })
  app.workspaces.events.on('deleted', ({ workspace_id: workspaceId }) => {
    io.local.in(workspaceRoom(workspaceId)).socketsLeave(workspaceRoom(workspaceId))
  })
  io.sockets.adapter.on('leave-room', (room: string, socketId: string) => {
    if (!room.startsWith(ROOM_PREFIX)) return
    app.workspaces.unwatch(room.slice(ROOM_PREFIX.length), socketId)
      .catch((error: Error) => app.log.warn({ err: error, room }, 'could not release a workspace watcher'))
  })
}

/** Recommendations recomputed after a manifest changed go to the workspace owner's sockets. */
export const discoveryBridge: SocketBridge = (app, io) => {
  app.discovery.events.on('recommendation', ({ user_id: userId, workspace_id: workspaceId, recommendations }) => {
    io.to(userRoom(userId)).emit('discovery_recommendation', { workspace_id: workspaceId, recommendations, timestamp: new Date().toISOString() })
  })
}
