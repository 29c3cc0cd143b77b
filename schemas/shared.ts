import { ErrorResponse } from './common.js'
import { Scope, TokenInfo } from './auth.js'
import { Readiness, ServiceCheck } from './health.js'
import { ImportReport, McpInstall, McpRecommendation, McpServer, McpServerStatus, McpServerSummary, McpTrendingServer } from './marketplace.js'
import { Workspace } from './workspaces.js'
import { DiscoveryRecommendation } from './discovery.js'
import { McpListChanged, McpRuntimeStatus, McpTool, McpToolCallResult } from './mcp-runtime.js'
import { Terminal } from './terminals.js'
import { GatewayCall, GatewayProfile } from './mcp-gateway.js'
import { DevEnvironment, ToolVersion } from './dev.js'
import { ChatChunk, ChatInput, ChatMessage, ChatReply, ChatToolCall, ChatToolEvent, ChatUsage, Conversation, ConversationRef, ConversationSummary, MamaBearResponse, ProviderInfo } from './chat.js'
import { Briefing, BriefingSections } from './briefing.js'
import { ControlStatus } from './control.js'

/**
 * Schemas with an $id, registered once on the root instance: routes reference them with Type.Ref,
 * and OpenAPI lists them as named components. A domain adds its named schemas here.
 */
export const sharedSchemas = [ErrorResponse, Scope, TokenInfo, ServiceCheck, Readiness, Workspace, DiscoveryRecommendation, Terminal, ToolVersion, DevEnvironment, McpServerSummary, McpServer, McpTrendingServer, McpRecommendation, McpInstall, ImportReport, McpServerStatus, McpRuntimeStatus, McpListChanged, McpTool, McpToolCallResult, GatewayProfile, GatewayCall, ChatInput, ChatUsage, ChatToolCall, ChatMessage, ConversationSummary, Conversation, ChatReply, ProviderInfo, ChatChunk, ChatToolEvent, ConversationRef, MamaBearResponse, BriefingSections, Briefing, ControlStatus]
