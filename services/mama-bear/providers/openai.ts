import OpenAI from 'openai'
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions'
import type { ProviderSettings } from '../../../plugins/config.js'
import { parseToolArguments, type Provider, type ProviderEvent, type ProviderRequest, type ToolSpec, type Turn } from './types.js'

export const OPENAI_DEFAULT_MODEL = 'gpt-4o-mini'

function toMessages (system: string, turns: Turn[]): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: system }]
  for (const turn of turns) {
    if (turn.role === 'user') messages.push({ role: 'user', content: turn.content })
    else if (turn.role === 'tool') messages.push({ role: 'tool', tool_call_id: turn.tool_call_id, content: turn.content })
    else if (turn.tool_calls?.length) {
      messages.push({
        role: 'assistant',
        content: turn.content || null,
        tool_calls: turn.tool_calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }))
      })
    } else messages.push({ role: 'assistant', content: turn.content })
  }
  return messages
}

function toTools (tools: ToolSpec[]): ChatCompletionTool[] {
  return tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.input_schema } }))
}

/**
 * OpenAI Chat Completions through the official SDK. Any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio) works through OPENAI_BASE_URL; those ignore the API key, so a placeholder is sent
 * when none is configured (the SDK refuses to run without one).
 */
export class OpenAIProvider implements Provider {
  readonly name = 'openai' as const
  readonly model: string
  readonly baseUrl: string | null
  private readonly client: OpenAI

  constructor (settings: ProviderSettings, options: { timeoutMs: number, maxRetries: number }) {
    this.model = settings.model ?? OPENAI_DEFAULT_MODEL
    this.baseUrl = settings.baseUrl ?? null
    this.client = new OpenAI({
      apiKey: settings.apiKey ?? 'not-needed',
      baseURL: settings.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries
    })
  }

  async * stream (request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const stream = await this.client.chat.completions.create({
      model: this.model,
      messages: toMessages(request.system, request.turns),
      ...(request.tools.length > 0 ? { tools: toTools(request.tools), tool_choice: request.toolChoice } : {}),
      stream: true,
      stream_options: { include_usage: true }
    }, { signal })

    // Tool calls arrive in fragments keyed by index: the id and name first, the arguments in pieces.
    const calls = new Map<number, { id: string, name: string, args: string }>()
    for await (const chunk of stream) {
      if (chunk.usage) yield { type: 'usage', input_tokens: chunk.usage.prompt_tokens, output_tokens: chunk.usage.completion_tokens }
      const delta = chunk.choices[0]?.delta
      if (!delta) continue
      if (delta.content) yield { type: 'text', delta: delta.content }
      for (const fragment of delta.tool_calls ?? []) {
        const call = calls.get(fragment.index) ?? { id: '', name: '', args: '' }
        call.id ||= fragment.id ?? ''
        call.name += fragment.function?.name ?? ''
        call.args += fragment.function?.arguments ?? ''
        calls.set(fragment.index, call)
      }
    }
    for (const [index, call] of [...calls].sort(([a], [b]) => a - b)) {
      yield { type: 'tool_call', call: { id: call.id || `call_${index}`, name: call.name, ...parseToolArguments(call.args) } }
    }
  }

  async probe (signal: AbortSignal) {
    const page = await this.client.models.list({ signal, maxRetries: 0 })
    return { models: page.data.map((model) => model.id) }
  }
}
