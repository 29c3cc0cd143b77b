import { FunctionCallingConfigMode, GoogleGenAI, type Content, type FunctionDeclaration, type Part } from '@google/genai'
import type { ProviderSettings } from '../../../plugins/config.js'
import type { Provider, ProviderEvent, ProviderRequest, Turn } from './types.js'

export const GEMINI_DEFAULT_MODEL = 'gemini-2.5-flash'

/** Gemini has no tool role: results go back as functionResponse parts of a user turn. */
function toContents (turns: Turn[]): Content[] {
  const contents: Content[] = []
  for (const turn of turns) {
    if (turn.role === 'user') {
      contents.push({ role: 'user', parts: [{ text: turn.content }] })
    } else if (turn.role === 'tool') {
      const part: Part = {
        functionResponse: {
          id: turn.tool_call_id,
          name: turn.name,
          response: turn.is_error ? { error: turn.content } : { output: turn.content }
        }
      }
      const previous = contents.at(-1)
      if (previous?.role === 'user' && previous.parts?.[0]?.functionResponse) previous.parts.push(part)
      else contents.push({ role: 'user', parts: [part] })
    } else {
      const parts: Part[] = turn.content ? [{ text: turn.content }] : []
      for (const call of turn.tool_calls ?? []) {
        // The thought signature must travel back with its call, or newer models reject the request.
        parts.push({ functionCall: { id: call.id, name: call.name, args: call.arguments }, ...(call.signature ? { thoughtSignature: call.signature } : {}) })
      }
      if (parts.length > 0) contents.push({ role: 'model', parts })
    }
  }
  return contents
}

function toDeclarations (request: ProviderRequest): FunctionDeclaration[] {
  return request.tools.map((tool) => ({ name: tool.name, description: tool.description, parametersJsonSchema: tool.input_schema }))
}

/**
 * Google Gemini through the official @google/genai SDK (base URL via httpOptions.baseUrl). The
 * SDK's own timeout would also cut a long answer that is still streaming, so none is set here: the
 * agent's silence limit covers a provider that stops answering.
 */
export class GeminiProvider implements Provider {
  readonly name = 'gemini' as const
  readonly model: string
  readonly baseUrl: string | null
  private readonly client: GoogleGenAI

  constructor (settings: ProviderSettings, options: { maxRetries: number }) {
    this.model = settings.model ?? GEMINI_DEFAULT_MODEL
    this.baseUrl = settings.baseUrl ?? null
    this.client = new GoogleGenAI({
      apiKey: settings.apiKey,
      httpOptions: {
        ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
        // The same backoff as the other SDKs: half a second, doubling, at most eight.
        retryOptions: { attempts: options.maxRetries + 1, initialDelay: 0.5, maxDelay: 8 }
      }
    })
  }

  async * stream (request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const stream = await this.client.models.generateContentStream({
      model: this.model,
      contents: toContents(request.turns),
      config: {
        abortSignal: signal,
        systemInstruction: request.system,
        ...(request.tools.length > 0
          ? {
              tools: [{ functionDeclarations: toDeclarations(request) }],
              toolConfig: { functionCallingConfig: { mode: request.toolChoice === 'none' ? FunctionCallingConfigMode.NONE : FunctionCallingConfigMode.AUTO } }
            }
          : {})
      }
    })
    let usage: ProviderEvent | undefined
    let callCount = 0
    for await (const chunk of stream) {
      // Each chunk repeats the running totals; only the last one counts.
      if (chunk.usageMetadata) usage = { type: 'usage', input_tokens: chunk.usageMetadata.promptTokenCount, output_tokens: chunk.usageMetadata.candidatesTokenCount }
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (part.thought) continue
        if (part.text) yield { type: 'text', delta: part.text }
        if (part.functionCall?.name) {
          const id = part.functionCall.id ?? `call_${callCount}`
          callCount += 1
          yield { type: 'tool_call', call: { id, name: part.functionCall.name, arguments: part.functionCall.args ?? {}, ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) } }
        }
      }
    }
    if (usage) yield usage
  }

  async probe (signal: AbortSignal) {
    const pager = await this.client.models.list({ config: { pageSize: 100, abortSignal: signal, httpOptions: { retryOptions: { attempts: 1 } } } })
    return { models: pager.page.map((model) => (model.name ?? '').replace(/^models\//, '')).filter(Boolean) }
  }
}
