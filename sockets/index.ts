import type { SocketBridge, SocketHandlers } from './types.js'
import { systemHandlers } from './system.js'

/** Every domain's socket handlers; a new domain adds its file here. */
export const socketHandlers: SocketHandlers[] = [systemHandlers]

/** Every domain's bridge from service events to rooms; a new domain adds its bridge here. */
export const socketBridges: SocketBridge[] = []
