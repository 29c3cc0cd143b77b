import Anthropic from '@anthropic-ai/sdk'
import type { ContentBlockParam, MessageParam, Tool as AnthropicTool } from '@anthropic-ai/sdk/resources/messages'
import type { ProviderSettings } from '../../../plugins/config.js'
import { parseToolArguments, type Provider, type ProviderEvent, type ProviderRequest, type Turn } from './types.js'

export const ANTHROPIC_DEFAULT_MODEL = 'claude-sonnet-4-5'
/** The Messages API requires a ceiling; this one fits a long chat answer. */
const MAX_TOKENS = 4096

/**
 * Anthropic wants alternating roles with tool results inside a user message, and rejects empty
 * text blocks: consecutive tool results are gathered into one user message, and empty text is left out.
 */
function toMessages (turns: Turn[]): MessageParam[] {
  const messages: MessageParam[] = []
  for (const turn of turns) {
    if (turn.role === 'user') {
      messages.push({ role: 'user', content: turn.content })
    } else if (turn.role === 'tool') {
      const block: ContentBlockParam = { type: 'tool_result', tool_use_id: turn.tool_call_id, content: turn.content, is_error: turn.is_error }
      const previous = messages.at(-1)
      if (previous?.role === 'user' && Array.isArray(previous.content)) previous.content.push(block)
      else messages.push({ role: 'user', content: [block] })
    } else {
      const content: ContentBlockParam[] = turn.content ? [{ type: 'text', text: turn.content }] : []
      for (const call of turn.tool_calls ?? []) content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments })
      if (content.length > 0) messages.push({ role: 'assistant', content })
    }
  }
  return messages
}

function toTools (request: ProviderRequest): AnthropicTool[] {
  return request.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.input_schema as AnthropicTool['input_schema']
  }))
}

/** Anthropic's Messages API through the official SDK, streamed. */
export class AnthropicProvider implements Provider {
  readonly name = 'anthropic' as const
  readonly model: string
  readonly baseUrl: string | null
  private readonly client: Anthropic

  constructor (settings: ProviderSettings, options: { timeoutMs: number, maxRetries: number }) {
    this.model = settings.model ?? ANTHROPIC_DEFAULT_MODEL
    this.baseUrl = settings.baseUrl ?? null
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries
    })
  }

  async * stream (request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const stream = await this.client.messages.create({
      model: this.model,
      max_tokens: MAX_TOKENS,
      system: request.system,
      messages: toMessages(request.turns),
      ...(request.tools.length > 0 ? { tools: toTools(request), tool_choice: { type: request.toolChoice } } : {}),
      stream: true
    }, { signal })

    // A tool_use block opens with its id and name; its input arrives as JSON fragments.
    const calls = new Map<number, { id: string, name: string, json: string }>()
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          yield { type: 'usage', input_tokens: event.message.usage.input_tokens }
          break
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') calls.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' })
          break
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') yield { type: 'text', delta: event.delta.text }
          else if (event.delta.type === 'input_json_delta') {
            const call = calls.get(event.index)
            if (call) call.json += event.delta.partial_json
          }
          break
        case 'message_delta':
          yield { type: 'usage', output_tokens: event.usage.output_tokens }
          break
      }
    }
    for (const call of calls.values()) {
      yield { type: 'tool_call', call: { id: call.id, name: call.name, ...parseToolArguments(call.json) } }
    }
  }

  async probe (signal: AbortSignal) {
    const page = await this.client.models.list({ limit: 100 }, { signal, maxRetries: 0 })
    return { models: page.data.map((model) => model.id) }
  }
}
