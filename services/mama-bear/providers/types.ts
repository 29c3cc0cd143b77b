import type { AiProviderName } from '../../../schemas/config.js'

/** A tool call as the model asked for it; `signature` is opaque provider state to send back with it. */
export interface TurnToolCall {
  id: string
  name: string
  arguments: Record<string, unknown>
  /** Set when the model sent arguments that are not a JSON object; the call then fails without running. */
  argumentsError?: string
  signature?: string
}

/** The conversation in a provider-neutral form; each provider translates it to its wire format. */
export type Turn =
  | { role: 'user', content: string }
  | { role: 'assistant', content: string, tool_calls?: TurnToolCall[] }
  | { role: 'tool', tool_call_id: string, name: string, content: string, is_error: boolean }

/** A tool offered to the model: a name it may call and the JSON Schema of the arguments. */
export interface ToolSpec {
  name: string
  description: string
  input_schema: Record<string, unknown>
}

export interface ProviderRequest {
  system: string
  turns: Turn[]
  tools: ToolSpec[]
  /** 'none' on the last allowed step: the tools stay described (history may mention them) but may not be called. */
  toolChoice: 'auto' | 'none'
}

/** What a provider streams back: text as it comes, whole tool calls, and token counts. */
export type ProviderEvent =
  | { type: 'text', delta: string }
  | { type: 'tool_call', call: TurnToolCall }
  | { type: 'usage', input_tokens?: number, output_tokens?: number }

export interface ProviderProbe {
  models: string[]
}

/**
 * One AI backend. `stream` must honour the signal (abort at the provider) and may throw the SDK's
 * own errors; the agent turns those into errors that name the provider and the cause.
 */
export interface Provider {
  readonly name: AiProviderName
  readonly model: string
  readonly baseUrl: string | null
  stream (request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>
  /** Asks the provider which models it offers; throws when it cannot be reached. */
  probe (signal: AbortSignal): Promise<ProviderProbe>
}

/** Tool results are capped before they go back to a model: a huge listing helps nobody and costs tokens. */
export const MAX_TOOL_RESULT_CHARS = 20_000

/** Models send tool arguments as JSON text (OpenAI) or build them from fragments (Anthropic). */
export function parseToolArguments (raw: string): Pick<TurnToolCall, 'arguments' | 'argumentsError'> {
  if (raw.trim() === '') return { arguments: {} }
  try {
    const value = JSON.parse(raw) as unknown
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { arguments: value as Record<string, unknown> }
  } catch {}
  return { arguments: {}, argumentsError: `the arguments are not a JSON object: ${raw.slice(0, 200)}` }
}
