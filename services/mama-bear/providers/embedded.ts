import type { SystemStatus } from '../../../schemas/health.js'
import * as answers from '../embedded/answers.js'
import { understand, type Intent } from '../embedded/intent.js'
import { recommendationAnswer, searchAnswer } from '../embedded/marketplace-answers.js'
import { readWords } from '../embedded/words.js'
import { productTools, type BriefingResult, type InstalledServersResult, type RecommendationResult, type ServerSearchResult } from '../tools/shapes.js'
import type { Provider, ProviderEvent, ProviderRequest, Turn, TurnToolCall } from './types.js'

export const EMBEDDED_MODEL = 'mama-bear-builtin'
/** A line, or about a dozen words of a longer one, per piece: see pieces(). */
const PIECE_LENGTH = 80

type Decision = { call: TurnToolCall } | { text: string }

function lastUserMessage (turns: Turn[]): string {
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index]
    if (turn.role === 'user') return turn.content
  }
  return ''
}

/** What to do about a request: answer at once, or first call the tool that knows. */
function decide (intent: Intent, request: ProviderRequest, callId: string): Decision {
  const offered = new Set(request.tools.map((tool) => tool.name))
  const call = (name: string, args: Record<string, unknown>, missing: string): Decision => {
    if (request.toolChoice === 'auto' && offered.has(name)) return { call: { id: callId, name, arguments: args } }
    return { text: answers.unavailable(missing) }
  }
  switch (intent.kind) {
    case 'greeting': return { text: answers.greeting() }
    case 'help': return { text: answers.help(request.tools) }
    case 'tools': return { text: answers.toolList(request.tools) }
    case 'briefing': return call(productTools.briefing, {}, 'the daily briefing')
    case 'status': return call(productTools.status, {}, 'the system status')
    case 'installed': return call(productTools.installed, {}, 'the list of installed servers')
    case 'recommend': return call(productTools.recommend, { project_type: intent.projectType }, 'the marketplace')
    case 'search':
      // A guess is worth a search only where one can be made; otherwise the help says what works.
      return intent.asked === 'guess' && !(offered.has(productTools.search) && request.toolChoice === 'auto')
        ? { text: answers.help(request.tools) }
        : call(productTools.search, { query: intent.query, limit: 5 }, 'the marketplace')
  }
}

type ToolTurn = Extract<Turn, { role: 'tool' }>

/** The results of the tool calls just made (the trailing tool turns). */
function latestResults (turns: Turn[]): ToolTurn[] {
  const results: ToolTurn[] = []
  for (let index = turns.length - 1; index >= 0 && turns[index].role === 'tool'; index--) results.unshift(turns[index] as ToolTurn)
  return results
}

/**
 * Whether the results are a search that found no server by the name asked: "postgres" names one,
 * while "usage" only appears in some descriptions.
 */
function namesNoServer (results: ToolTurn[]): boolean {
  const [result] = results
  if (results.length !== 1 || result.name !== productTools.search || result.is_error) return false
  const found = parsed(result.content) as ServerSearchResult | undefined
  if (!found) return false
  const asked = readWords(found.query ?? '').map((word) => word.text)
  const names = found.items.flatMap((server) => readWords(`${server.name} ${server.title}`)).map((word) => word.text)
  return !asked.some((word) => names.some((name) => name.startsWith(word)))
}

/** After the tools answered: the product topic, when the search it tried first named no server; else the answer. */
function next (request: ProviderRequest, callId: string): Decision {
  const intent = understand(lastUserMessage(request.turns))
  const results = latestResults(request.turns)
  if (intent.kind === 'search' && intent.otherwise && request.toolChoice === 'auto' && namesNoServer(results)) {
    return decide({ kind: intent.otherwise }, request, callId)
  }
  return { text: fromResults(results, intent) }
}

/** Writes the answer from the results of the tool calls just made. */
function fromResults (results: ToolTurn[], intent: Intent): string {
  const asked = intent.kind === 'search' ? intent.asked : 'find'
  return results.map((result) => {
    if (result.is_error) return answers.toolFailed(result.name, result.content)
    const data = parsed(result.content)
    switch (data === undefined ? undefined : result.name) {
      case productTools.search: return searchAnswer(data as ServerSearchResult, asked)
      case productTools.recommend: return recommendationAnswer(data as RecommendationResult)
      case productTools.installed: return answers.installedAnswer(data as InstalledServersResult)
      case productTools.status: return answers.statusAnswer(data as SystemStatus)
      case productTools.briefing: return answers.briefingAnswer(data as BriefingResult)
      default: return answers.rawResult(result.name, result.content)
    }
  }).join('\n\n')
}

/** A result cut short for size is no longer JSON; it is then shown as it is. */
function parsed (content: string): unknown {
  try {
    return JSON.parse(content) as unknown
  } catch {
    return undefined
  }
}

/**
 * The answer in pieces, so clients see it arrive the way a model's would. The whole text is there at
 * once, so pieces are as large as reading allows: each is a frame that wakes the server and every
 * viewing client, and one that ends with its line never leaves Markdown half-open on the screen.
 */
function pieces (text: string): string[] {
  const words = text.split(/(?<=\s)/)
  const out: string[] = []
  let current = ''
  for (const word of words) {
    current += word
    if (current.length >= PIECE_LENGTH || word.endsWith('\n')) {
      out.push(current)
      current = ''
    }
  }
  if (current) out.push(current)
  return out
}

/**
 * Mama Bear without a language model: deterministic, offline, and useful for this product. It reads
 * the request, calls the product tool that knows the answer (through the same tool loop a model
 * uses, so calls are recorded and streamed alike), then writes the answer from the result.
 */
export class EmbeddedProvider implements Provider {
  readonly name = 'embedded' as const
  readonly model = EMBEDDED_MODEL
  readonly baseUrl = null

  async * stream (request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const callId = `embedded_${request.turns.length}`
    const decision = request.turns.at(-1)?.role === 'tool'
      ? next(request, callId)
      : decide(understand(lastUserMessage(request.turns)), request, callId)
    if ('call' in decision) {
      yield { type: 'tool_call', call: decision.call }
      return
    }
    // Back to back: the text is whole already. A turn of the event loop between pieces only let the
    // pieces of every answer in a burst take turns, so that all of them finished last.
    for (const piece of pieces(answers.signed(decision.text))) {
      signal.throwIfAborted()
      yield { type: 'text', delta: piece }
    }
  }

  async probe () {
    return { models: [EMBEDDED_MODEL] }
  }
}
