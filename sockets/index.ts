import type { SocketHandlers } from './types.js'
import { systemHandlers } from './system.js'

/** Every domain's socket handlers; a new domain adds its file here. */
export const socketHandlers: SocketHandlers[] = [systemHandlers]
