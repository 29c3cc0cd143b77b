import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'

export type ProviderKind = 'openai' | 'anthropic' | 'gemini'

/** What the fake answers to one chat request. */
export interface Script {
  /** Non-200: the body is sent as JSON. */
  status?: number
  headers?: Record<string, string>
  body?: unknown
  /** For 200: raw Server-Sent Events frames, written in order. */
  frames?: string[]
  /** Stop writing after this many frames and keep the connection open (a stalled provider)… */
  stallAfter?: number
  /** …or only until `resume()` is called. */
  resumable?: boolean
}

export interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: any
}

const MODELS = { openai: 'gpt-test', anthropic: 'claude-test', gemini: 'gemini-test' }

/**
 * A provider on loopback speaking the real wire format, so the official SDKs talk to it exactly as
 * to the real service. Chat requests get the queued scripts in order; model listings are answered
 * from a fixed list. It records every request and notices when a client hangs up mid-stream.
 */
export class FakeProvider {
  readonly requests: Recorded[] = []
  readonly model: string
  url = ''
  private readonly scripts: Script[] = []
  private readonly hangUps: Array<() => void> = []
  private readonly paused: Array<() => void> = []
  hungUp = 0
  private readonly server = createServer((request, response) => { this.handle(request, response).catch(() => response.destroy()) })

  constructor (readonly kind: ProviderKind) {
    this.model = MODELS[kind]
  }

  static async start (t: Test, kind: ProviderKind): Promise<FakeProvider> {
    const fake = new FakeProvider(kind)
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve))
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`
    t.teardown(() => fake.close())
    return fake
  }

  /** The variables that point the app at this fake. */
  env (extra: Record<string, string> = {}): Record<string, string> {
    const prefix = this.kind.toUpperCase()
    return {
      PODPLAY_AI_PROVIDER: this.kind,
      [`${prefix}_BASE_URL`]: this.kind === 'openai' ? `${this.url}/v1` : this.url,
      [`${prefix}_API_KEY`]: 'test-key',
      [`${prefix}_MODEL`]: this.model,
      ...extra
    }
  }

  enqueue (...scripts: Script[]): this {
    this.scripts.push(...scripts)
    return this
  }

  /** Chat requests only (model listings left out). */
  get chats (): Recorded[] {
    return this.requests.filter((request) => request.method === 'POST')
  }

  /** Lets every response paused with `resumable` write the rest of its frames and end. */
  resume (): void {
    for (const finish of this.paused.splice(0)) finish()
  }

  /** Resolves when a client next closes a response before it ended (an abort at the provider). */
  nextHangUp (): Promise<void> {
    return new Promise((resolve) => this.hangUps.push(resolve))
  }

  async close (): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle (request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = ''
    for await (const chunk of request) raw += String(chunk)
    this.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: raw ? JSON.parse(raw) : null })
    if (request.method === 'GET') return this.json(response, 200, this.modelList())
    const script = this.scripts.shift() ?? { status: 500, body: { error: { message: 'the fake has no script left' } } }
    if ((script.status ?? 200) !== 200) return this.json(response, script.status ?? 500, script.body, script.headers)
    response.on('close', () => {
      if (response.writableEnded) return
      this.hungUp += 1
      for (const resolve of this.hangUps.splice(0)) resolve()
    })
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...script.headers })
    const frames = script.frames ?? []
    const shown = script.stallAfter ?? frames.length
    for (const frame of frames.slice(0, shown)) response.write(frame)
    const finish = () => {
      for (const frame of frames.slice(shown)) response.write(frame)
      response.end()
    }
    if (script.stallAfter === undefined) finish()
    else if (script.resumable) this.paused.push(finish)
  }

  private json (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }

  private modelList (): unknown {
    switch (this.kind) {
      case 'openai': return { object: 'list', data: [{ id: this.model, object: 'model', created: 0, owned_by: 'test' }] }
      case 'anthropic': return { data: [{ id: this.model, type: 'model', display_name: 'Claude Test', created_at: '2026-01-01T00:00:00Z' }], has_more: false, first_id: this.model, last_id: this.model }
      case 'gemini': return { models: [{ name: `models/${this.model}`, displayName: 'Gemini Test' }] }
    }
  }
}

export interface ToolUse {
  id: string
  name: string
  arguments: Record<string, unknown>
}

export interface StreamSpec {
  text?: string[]
  tools?: ToolUse[]
  usage?: { input: number, output: number }
}

const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`

/** OpenAI chat.completion.chunk frames: role, text deltas, tool-call fragments, finish, usage, [DONE]. */
export function openaiFrames ({ text = [], tools = [], usage = { input: 11, output: 7 } }: StreamSpec): string[] {
  const chunk = (delta: unknown, finish: string | null = null) => data({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [{ index: 0, delta, finish_reason: finish }] })
  const frames = [chunk({ role: 'assistant', content: '' })]
  for (const piece of text) frames.push(chunk({ content: piece }))
  tools.forEach((tool, index) => {
    const json = JSON.stringify(tool.arguments)
    frames.push(chunk({ tool_calls: [{ index, id: tool.id, type: 'function', function: { name: tool.name, arguments: '' } }] }))
    frames.push(chunk({ tool_calls: [{ index, function: { arguments: json.slice(0, 5) } }] }))
    frames.push(chunk({ tool_calls: [{ index, function: { arguments: json.slice(5) } }] }))
  })
  frames.push(chunk({}, tools.length > 0 ? 'tool_calls' : 'stop'))
  frames.push(data({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [], usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } }))
  frames.push('data: [DONE]\n\n')
  return frames
}

/** Anthropic message stream events, each as `event:` plus `data:`. */
export function anthropicFrames ({ text = [], tools = [], usage = { input: 11, output: 7 } }: StreamSpec): string[] {
  const event = (type: string, value: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...value })}\n\n`
  const frames = [event('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-test', stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } } })]
  let index = 0
  if (text.length > 0) {
    frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }))
    frames.push(event('ping', {}))
    for (const piece of text) frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }))
    frames.push(event('content_block_stop', { index }))
    index += 1
  }
  for (const tool of tools) {
    const json = JSON.stringify(tool.arguments)
    frames.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: tool.id, name: tool.name, input: {} } }))
    frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(0, 4) } }))
    frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(4) } }))
    frames.push(event('content_block_stop', { index }))
    index += 1
  }
  frames.push(event('message_delta', { delta: { stop_reason: tools.length > 0 ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } }))
  frames.push(event('message_stop', {}))
  return frames
}

/** Gemini streamGenerateContent?alt=sse chunks: one candidate per chunk, usage on the last. */
export function geminiFrames ({ text = [], tools = [], usage = { input: 11, output: 7 } }: StreamSpec): string[] {
  const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }], modelVersion: 'gemini-test' })}\r\n\r\n`
  const frames = text.map((piece) => chunk([{ text: piece }]))
  if (tools.length > 0) frames.push(chunk(tools.map((tool) => ({ functionCall: { id: tool.id, name: tool.name, args: tool.arguments }, thoughtSignature: `sig-${tool.id}` }))))
  frames.push(`data: ${JSON.stringify({
    candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: usage.input, candidatesTokenCount: usage.output, totalTokenCount: usage.input + usage.output },
    modelVersion: 'gemini-test'
  })}\r\n\r\n`)
  return frames
}

export const framesFor: Record<ProviderKind, (spec: StreamSpec) => string[]> = {
  openai: openaiFrames,
  anthropic: anthropicFrames,
  gemini: geminiFrames
}

/** A provider's error body, in its own shape. */
export function errorBody (kind: ProviderKind, status: number, message: string): unknown {
  if (kind === 'anthropic') return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } }
  if (kind === 'gemini') return { error: { code: status, message, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } }
  return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } }
}

/** A stream that breaks its own format half-way. */
export function malformedFrames (kind: ProviderKind): string[] {
  const frames = framesFor[kind]({ text: ['Hello'] })
  const good = frames.slice(0, frames.findIndex((frame) => frame.includes('Hello')) + 1)
  return [...good, kind === 'anthropic' ? 'event: content_block_delta\ndata: {"type":"content_block_delta", oops\n\n' : 'data: {"candidates": [oops\n\n']
}
