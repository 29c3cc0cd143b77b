import { EventEmitter } from 'node:events'
import type { FastifyBaseLogger } from 'fastify'
import type { AiProviderName } from '../../schemas/config.js'
import type { AnswerProgress, ChatChunk, ChatInput, ChatReply, ChatToolEvent, Conversation, ConversationSummary, ProviderInfo, SearchHit } from '../../schemas/chat.js'
import { ConversationBusyError, NotGeneratingError, ProviderTimeoutError, ShuttingDownError, TooManyGenerationsError } from './errors.js'
import { Generation, type GenerationEvents, type GenerationOutcome, type GenerationSettings } from './generation.js'
import { withSilenceLimit } from './guard.js'
import { providerFailure } from './providers/failure.js'
import type { Providers } from './providers/index.js'
import type { ConversationQueries, Page, PageRequest } from './queries.js'
import type { ConversationStore } from './store.js'
import { Toolbox } from './tools.js'
import { exportMarkdown } from './export.js'

type WithUser<T> = T & { user_id: string }

/** Domain events for transports: every piece of every answer, tagged with whose it is. */
export interface MamaBearEvents {
  chunk: [WithUser<ChatChunk>]
  tool_call: [WithUser<ChatToolEvent>]
  tool_result: [WithUser<ChatToolEvent>]
  response: [{ user_id: string, reply: ChatReply, duration_ms: number }]
}

/** An answer that has started: where it is stored, its own events, and how it ends. */
export interface StartedAnswer {
  conversation_id: string
  message_id: string
  provider: string
  model: string
  events: EventEmitter<GenerationEvents>
  result: Promise<GenerationOutcome>
}

export interface MamaBearDeps {
  store: ConversationStore
  queries: ConversationQueries
  providers: Providers
  settings: GenerationSettings & { maxGenerationsPerUser: number }
  log: FastifyBaseLogger
}

/**
 * Mama Bear, the assistant: starts answers (at most N at once per user, one at a time per
 * conversation), stops them, and serves the user's conversations.
 */
export class MamaBear {
  readonly events = new EventEmitter<MamaBearEvents>()
  readonly tools = new Toolbox()
  /** Answers being generated, by conversation, with how each ends. */
  private readonly running = new Map<string, { generation: Generation, result: Promise<GenerationOutcome> }>()
  /** `user conversation` pairs whose next answer is accepted but not yet stored: a second one must wait. */
  private readonly accepting = new Set<string>()
  /** Answers per user, counted from the moment they are accepted (before anything is stored). */
  private readonly perUser = new Map<string, number>()
  private closing = false

  constructor (private readonly deps: MamaBearDeps) {}

  get provider (): { name: AiProviderName, model: string } {
    return { name: this.deps.providers.active.name, model: this.deps.providers.active.model }
  }

  get generating (): number {
    return this.running.size
  }

  isGenerating (conversationId: string): boolean {
    return this.running.has(conversationId)
  }

  /** The answer being written in a conversation, as far as it has got; null when none is. */
  answerInProgress (conversationId: string): AnswerProgress | null {
    return this.running.get(conversationId)?.generation.progress ?? null
  }

  /**
   * Starts an answer to `input` and returns once it is stored and running. `prepare` runs before the
   * answer starts: the place to subscribe to its events without missing the first ones.
   */
  async begin (userId: string, input: ChatInput, prepare?: (answer: StartedAnswer) => void | Promise<void>): Promise<StartedAnswer> {
    if (this.closing) throw new ShuttingDownError()
    const conversationId = input.conversation_id
    const acceptKey = `${userId} ${conversationId}`
    if (conversationId !== undefined && (this.accepting.has(acceptKey) || this.running.get(conversationId)?.generation.userId === userId)) {
      throw new ConversationBusyError(conversationId)
    }
    const count = this.perUser.get(userId) ?? 0
    if (count >= this.deps.settings.maxGenerationsPerUser) throw new TooManyGenerationsError(count)
    this.perUser.set(userId, count + 1)
    if (conversationId !== undefined) this.accepting.add(acceptKey)
    const provider = this.deps.providers.active
    let generation: Generation
    try {
      const exchange = await this.deps.store.beginExchange(userId, conversationId, input.message, { provider: provider.name, model: provider.model })
      generation = new Generation(userId, exchange, { ...this.deps, toolbox: this.tools, provider })
    } catch (error) {
      this.perUser.set(userId, count)
      throw error
    } finally {
      if (conversationId !== undefined) this.accepting.delete(acceptKey)
    }
    let start!: () => void
    const started = new Promise<void>((resolve) => { start = resolve })
    let began = 0
    const result = started.then(() => { began = performance.now(); return generation.run() }).then((outcome) => {
      this.release(generation)
      this.events.emit('response', { user_id: userId, reply: outcome.reply, duration_ms: performance.now() - began })
      return outcome
    })
    this.running.set(generation.conversationId, { generation, result })
    this.forward(generation)
    // A shutdown that began while this answer was being stored did not see it: it ends at once.
    if (this.closing) generation.abort(new ShuttingDownError())
    const answer: StartedAnswer = {
      conversation_id: generation.conversationId,
      message_id: generation.messageId,
      provider: provider.name,
      model: provider.model,
      events: generation.events,
      result
    }
    try {
      await prepare?.(answer)
    } catch (error) {
      // Nobody can follow this answer: it ends at once, stored as stopped.
      generation.abort()
      throw error
    } finally {
      start()
    }
    return answer
  }

  /** Answers and waits for the whole answer; a provider failure comes back as the outcome's error. */
  async chat (userId: string, input: ChatInput): Promise<GenerationOutcome> {
    const answer = await this.begin(userId, input)
    return await answer.result
  }

  /** Stops the conversation's answer at the provider and returns what was said so far. */
  async stop (userId: string, conversationId: string): Promise<ChatReply> {
    await this.deps.store.owned(userId, conversationId)
    const entry = this.running.get(conversationId)
    if (!entry) throw new NotGeneratingError(conversationId)
    entry.generation.abort()
    return (await entry.result).reply
  }

  /** One answer from the active provider without a conversation or tools (the briefing uses it). */
  async complete (system: string, prompt: string): Promise<{ text: string, provider: string, model: string }> {
    const { providers, settings } = this.deps
    const provider = providers.active
    const controller = new AbortController()
    const limits = { firstMs: settings.timeoutMs * (settings.maxRetries + 1), idleMs: settings.timeoutMs }
    let text = ''
    try {
      const events = provider.stream({ system, turns: [{ role: 'user', content: prompt }], tools: [], toolChoice: 'none' }, controller.signal)
      for await (const event of withSilenceLimit(events, limits, controller, () => new ProviderTimeoutError(provider.name, settings.timeoutMs))) {
        if (event.type === 'text') text += event.delta
      }
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : providerFailure(provider.name, error, settings.timeoutMs)
    }
    return { text, provider: provider.name, model: provider.model }
  }

  /** Whether the user may follow the conversation (404 otherwise) and whether an answer is being written. */
  async conversationState (userId: string, conversationId: string): Promise<{ generating: boolean }> {
    await this.deps.store.owned(userId, conversationId)
    return { generating: this.isGenerating(conversationId) }
  }

  async listConversations (userId: string, page: PageRequest): Promise<Page<ConversationSummary>> {
    return await this.deps.queries.list(userId, page)
  }

  async getConversation (userId: string, conversationId: string): Promise<Conversation> {
    return await this.deps.store.get(userId, conversationId)
  }

  async exportConversation (userId: string, conversationId: string, format: 'markdown' | 'json'): Promise<Conversation | string> {
    const conversation = await this.deps.store.get(userId, conversationId)
    return format === 'json' ? conversation : exportMarkdown(conversation)
  }

  /** Deletes a conversation; an answer still being generated for it is stopped first. */
  async deleteConversation (userId: string, conversationId: string): Promise<void> {
    await this.deps.store.owned(userId, conversationId)
    const entry = this.running.get(conversationId)
    if (entry) {
      entry.generation.abort()
      await entry.result
    }
    await this.deps.store.delete(userId, conversationId)
  }

  async search (userId: string, text: string, page: PageRequest): Promise<Page<SearchHit>> {
    return await this.deps.queries.search(userId, text, page)
  }

  /** Conversations the user was active in since a moment, newest first (the briefing's topics). */
  async recentConversations (userId: string, since: string, limit: number) {
    return await this.deps.queries.activeSince(userId, since, limit)
  }

  async providersReport (): Promise<ProviderInfo[]> {
    return await this.deps.providers.report()
  }

  /** Shutdown: no new answers; running ones are cut short and stored as failed, then awaited. */
  async close (): Promise<void> {
    this.closing = true
    const running = [...this.running.values()]
    for (const { generation } of running) generation.abort(new ShuttingDownError())
    await Promise.all(running.map(({ result }) => result))
  }

  private release (generation: Generation): void {
    if (this.running.get(generation.conversationId)?.generation === generation) this.running.delete(generation.conversationId)
    const count = (this.perUser.get(generation.userId) ?? 1) - 1
    if (count > 0) this.perUser.set(generation.userId, count)
    else this.perUser.delete(generation.userId)
  }

  private forward (generation: Generation): void {
    const user = { user_id: generation.userId }
    generation.events.on('chunk', (chunk) => this.events.emit('chunk', { ...chunk, ...user }))
    generation.events.on('tool_call', (event) => this.events.emit('tool_call', { ...event, ...user }))
    generation.events.on('tool_result', (event) => this.events.emit('tool_result', { ...event, ...user }))
  }
}
