import { EventEmitter } from 'node:events'
import type { FastifyBaseLogger, FastifyError } from 'fastify'
import type { AnswerProgress, ChatChunk, ChatError, ChatReply, ChatToolEvent, ChatUsage } from '../../schemas/chat.js'
import { ProviderTimeoutError } from './errors.js'
import { withSilenceLimit } from './guard.js'
import { toTurns } from './history.js'
import { providerFailure } from './providers/failure.js'
import type { Provider, ProviderEvent, ProviderRequest, Turn, TurnToolCall } from './providers/types.js'
import { toToolCall, type ToolCallRow } from './records.js'
import type { ConversationStore, Exchange } from './store.js'
import { runTool, type Tool, type Toolbox } from './tools.js'
import { systemPrompt } from './system-prompt.js'

export interface GenerationEvents {
  chunk: [ChatChunk]
  tool_call: [ChatToolEvent]
  tool_result: [ChatToolEvent]
}

export interface GenerationSettings {
  timeoutMs: number
  maxRetries: number
  maxToolSteps: number
}

export interface GenerationDeps {
  store: ConversationStore
  toolbox: Toolbox
  provider: Provider
  settings: GenerationSettings
  log: FastifyBaseLogger
}

/** How an answer ended: the reply (partial when stopped or failed) and, when it failed, why. */
export interface GenerationOutcome {
  reply: ChatReply
  error: FastifyError | null
}

/** The abort reason of a stop asked for by the user. */
export class StopRequested extends Error {
  constructor () {
    super('stopped by the user')
    this.name = 'StopRequested'
  }
}

class UsageTally {
  private input: number | null = null
  private output: number | null = null

  add (event: Extract<ProviderEvent, { type: 'usage' }>): void {
    if (event.input_tokens !== undefined) this.input = (this.input ?? 0) + event.input_tokens
    if (event.output_tokens !== undefined) this.output = (this.output ?? 0) + event.output_tokens
  }

  get value (): ChatUsage {
    const total = this.input === null && this.output === null ? null : (this.input ?? 0) + (this.output ?? 0)
    return { input_tokens: this.input, output_tokens: this.output, total_tokens: total }
  }
}

/**
 * One answer being generated. It runs on its own, whoever listens: a client that goes away does not
 * stop it, and it always ends by finishing its stored message exactly once — complete, stopped
 * (with the partial text) or failed (with the partial text and the error).
 */
export class Generation {
  readonly events = new EventEmitter<GenerationEvents>()
  private readonly controller = new AbortController()
  private readonly usage = new UsageTally()
  private readonly toolCalls: ToolCallRow[] = []
  private readonly startedAt = new Date()
  private content = ''
  private chunkIndex = 0
  private firstChunkMs: number | null = null

  constructor (readonly userId: string, readonly exchange: Exchange, private readonly deps: GenerationDeps) {}

  get conversationId (): string { return this.exchange.conversationId }
  get messageId (): string { return this.exchange.assistantMessageId }

  /** The text so far and the index its next piece will have: what a client joining mid-answer starts from. */
  get progress (): AnswerProgress {
    return { message_id: this.messageId, content: this.content, next_index: this.chunkIndex }
  }

  /** Aborts at the provider; the answer ends as stopped (user) or failed (any other reason). */
  abort (reason: Error = new StopRequested()): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason)
  }

  async run (): Promise<GenerationOutcome> {
    let stage: 'provider' | 'internal' = 'internal'
    try {
      const { store, toolbox, log } = this.deps
      const turns = toTurns(await store.history(this.conversationId, this.exchange.seq))
      const tools = await toolbox.forUser(this.userId, log)
      const system = systemPrompt(tools.map((tool) => tool.name), this.startedAt.toISOString().slice(0, 10))
      for (let step = 0; ; step++) {
        const toolChoice = step < this.deps.settings.maxToolSteps ? 'auto' : 'none'
        stage = 'provider'
        const calls = await this.streamStep({ system, turns, tools, toolChoice })
        stage = 'internal'
        if (calls.length === 0 || toolChoice === 'none') break
        await this.runTools(step, calls, tools, turns)
      }
      return await this.settle(null)
    } catch (thrown) {
      const signal = this.controller.signal
      // An abort's reason is the truth (stop, silence timeout, shutdown); the SDK's abort error is not.
      if (signal.aborted) return await this.settle(signal.reason instanceof StopRequested ? null : signal.reason as FastifyError, signal.reason instanceof StopRequested)
      if (stage === 'internal') {
        this.deps.log.error({ err: thrown, conversation_id: this.conversationId }, 'an answer failed inside the server')
        return await this.settle(Object.assign(new Error('An internal error interrupted the answer'), { statusCode: 500, code: 'INTERNAL_ERROR' }) as FastifyError)
      }
      return await this.settle(providerFailure(this.deps.provider.name, thrown, this.deps.settings.timeoutMs))
    }
  }

  /** One request to the provider: streams its text out and returns the tool calls it asked for. */
  private async streamStep (request: ProviderRequest): Promise<TurnToolCall[]> {
    const { provider, settings } = this.deps
    const calls: TurnToolCall[] = []
    let stepText = ''
    // Before the first piece the SDK may be retrying; each attempt gets the full timeout.
    const limits = { firstMs: settings.timeoutMs * (settings.maxRetries + 1), idleMs: settings.timeoutMs }
    const events = withSilenceLimit(provider.stream(request, this.controller.signal), limits, this.controller,
      () => new ProviderTimeoutError(provider.name, settings.timeoutMs))
    for await (const event of events) {
      if (event.type === 'usage') this.usage.add(event)
      else if (event.type === 'tool_call') calls.push(event.call)
      else if (event.delta) {
        this.content += event.delta
        stepText += event.delta
        this.firstChunkMs ??= Date.now() - this.startedAt.getTime()
        this.events.emit('chunk', { conversation_id: this.conversationId, message_id: this.messageId, index: this.chunkIndex++, delta: event.delta })
      }
    }
    if (calls.length > 0) request.turns.push({ role: 'assistant', content: stepText, tool_calls: calls })
    return calls
  }

  /** Runs the calls in order, recording and announcing each call and its result. */
  private async runTools (step: number, calls: TurnToolCall[], tools: Tool[], turns: Turn[]): Promise<void> {
    const { store, settings, log } = this.deps
    for (const [position, call] of calls.entries()) {
      const row = await store.recordToolCall(this.messageId, step, position, call)
      this.events.emit('tool_call', this.toolEvent(row))
      const tool = tools.find((candidate) => candidate.name === call.name)
      const result = call.argumentsError
        ? { content: `The call was not made: ${call.argumentsError}`, is_error: true }
        : tool
          ? await runTool(tool, call.arguments, { userId: this.userId, signal: this.controller.signal }, settings.timeoutMs, log)
          : { content: `There is no tool named ${call.name}`, is_error: true }
      const done = await store.recordToolResult(row, result)
      this.toolCalls.push(done)
      this.events.emit('tool_result', this.toolEvent(done))
      turns.push({ role: 'tool', tool_call_id: call.id, name: call.name, content: result.content, is_error: result.is_error })
    }
  }

  private toolEvent (row: ToolCallRow): ChatToolEvent {
    return { conversation_id: this.conversationId, message_id: this.messageId, tool_call: toToolCall(row) }
  }

  /** Finishes the stored message and builds the reply; a store failure here is logged, not thrown. */
  private async settle (error: FastifyError | null, stopped = false): Promise<GenerationOutcome> {
    const { provider, store, log } = this.deps
    const chatError: ChatError | null = error ? { code: error.code, message: error.message, provider: provider.name } : null
    const usage = this.usage.value
    let timestamp = new Date().toISOString()
    try {
      timestamp = await store.finish(this.messageId, {
        content: this.content,
        usage,
        timings: { started_at: this.startedAt.toISOString(), first_chunk_ms: this.firstChunkMs, duration_ms: Date.now() - this.startedAt.getTime() },
        stopped,
        error: chatError
      })
    } catch (storeError) {
      log.error({ err: storeError, message_id: this.messageId }, 'could not store the end of an answer')
    }
    return {
      reply: {
        success: error === null,
        response: this.content,
        conversation_id: this.conversationId,
        message_id: this.messageId,
        provider: provider.name,
        model: provider.model,
        usage,
        stopped,
        tool_calls: this.toolCalls.map(toToolCall),
        error: chatError,
        timestamp
      },
      error
    }
  }
}
