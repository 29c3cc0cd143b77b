import type { SocketBridge, SocketHandlers } from './types.js'
import { systemHandlers } from './system.js'
import { marketplaceBridge } from './marketplace.js'
import { mcpRuntimeBridge } from './mcp-runtime.js'
import { discoveryBridge, workspaceBridge, workspaceHandlers } from './workspaces.js'
import { terminalBridge, terminalHandlers } from './terminals.js'
import { chatBridge, chatHandlers } from './chat.js'

/** Every domain's socket handlers; a new domain adds its file here. */
export const socketHandlers: SocketHandlers[] = [systemHandlers, workspaceHandlers, terminalHandlers, chatHandlers]

/** Every domain's bridge from service events to rooms; a new domain adds its bridge here. */
export const socketBridges: SocketBridge[] = [workspaceBridge, discoveryBridge, terminalBridge, marketplaceBridge, mcpRuntimeBridge, chatBridge]
