import { asking, asksHow, filler, greeting, helping, projectKinds, recommending, settingUp, showing, topics } from './vocabulary.js'
import { isStopWord, readWords, type Phrases, type Word } from './words.js'

/**
 * How a search was asked for: to find something ("I need…", "is there…"), to set it up ("how do I
 * connect…"), or not asked at all (a bare "kubernetes"), when the answer says it is a guess.
 */
export type Asked = 'find' | 'setup' | 'guess'

/** The product's own topics, answered by its tools rather than by a search. */
export type Topic = typeof topics[number]['kind']

/**
 * What the user asked the embedded assistant for, read from their words. A search may have a topic
 * to answer `otherwise`, when it finds no server by that name ("the current memory usage" is the
 * status).
 */
export type Intent =
  | { kind: 'greeting' }
  | { kind: 'help' }
  | { kind: 'tools' }
  | { kind: 'briefing' }
  | { kind: 'status' }
  | { kind: 'installed' }
  | { kind: 'recommend', projectType: string }
  | { kind: 'search', query: string, asked: Asked, otherwise?: Topic }

/** Enough words for any need; the search tool takes at most 200 characters. */
const MAX_QUERY_WORDS = 8
const MAX_QUERY_LENGTH = 200

/** A message's words sorted by what they do in it. */
interface Reading {
  /** Words that name something: a product, a technology, a task. */
  named: Word[]
  /** Of those, the ones that are not also words of a product topic ("memory", "status"). */
  specific: Word[]
  /** The project types the message speaks of, in the order it does. */
  projectTypes: string[]
  /** Whether the message says one of the phrases, outside a greeting ("good morning" asks for nothing good). */
  says: (phrases: Phrases) => boolean
}

const positionsOf = (phrases: Phrases[], words: Word[]) => new Set(phrases.flatMap((list) => [...list.covered(words)]))

function read (message: string): Reading {
  const words = readWords(message)
  const cues = positionsOf([asking, settingUp, asksHow, showing, helping, greeting, filler], words)
  const topical = positionsOf(topics.map(({ phrases }) => phrases), words)
  const greeted = greeting.covered(words)
  const kindAt = new Map<number, string>()
  for (const { type, phrases } of projectKinds) {
    for (const position of phrases.covered(words)) if (!kindAt.has(position)) kindAt.set(position, type)
  }
  const namedAt = words.flatMap((word, position) => cues.has(position) || kindAt.has(position) || isStopWord(word) ? [] : [position])
  return {
    named: namedAt.map((position) => words[position]),
    specific: namedAt.filter((position) => !topical.has(position)).map((position) => words[position]),
    projectTypes: [...kindAt].sort(([a], [b]) => a - b).map(([, type]) => type),
    says: (phrases) => [...phrases.covered(words)].some((position) => !greeted.has(position))
  }
}

/** The words to search the catalog for, as written, each once. */
function queryOf (words: Word[]): string {
  const query = [...new Set(words.map((word) => word.text))].slice(0, MAX_QUERY_WORDS).join(' ')
  return query.slice(0, MAX_QUERY_LENGTH).trim()
}

export function projectTypeOf (message: string): string {
  return read(message).projectTypes[0] ?? 'general'
}

/**
 * Reads the request. A named thing is searched for whatever verb surrounds it; the product's own
 * topics (the briefing, installed servers, the status, the tools) are answered when nothing else is
 * named; a kind of project alone gets its recommendations.
 */
export function understand (message: string): Intent {
  const { named, specific, projectTypes, says } = read(message)
  const setup = says(settingUp)
  const asked: Asked = setup || says(asksHow) ? 'setup' : 'find'
  const topic = topics.find(({ phrases }) => says(phrases))
  // A need: every named word counts, a topic's too when it can name a thing ("a memory server").
  if (says(asking) || setup) {
    const wanted = topic && !topic.named ? specific : named
    if (wanted.length > 0) return { kind: 'search', query: queryOf(wanted), asked }
  }
  // A question or a "show me", or a product topic with other words: those words may name a server
  // ("is my postgres server running?"), whose state is then the answer; when the catalog has no server
  // by that name, the topic is ("how much memory is free?"). The product's words alone are the topic.
  const aboutServer = (how: Asked): Intent => ({ kind: 'search', query: queryOf(specific), asked: how, ...(topic ? { otherwise: topic.kind } : {}) })
  if ((says(showing) || says(asksHow)) && specific.length > 0) return aboutServer(asked)
  if (topic) return specific.length > 0 ? aboutServer('setup') : { kind: topic.kind }
  if (named.length > 0) return { kind: 'search', query: queryOf(named), asked: 'guess' }
  if (projectTypes.length > 0 || says(recommending)) return { kind: 'recommend', projectType: projectTypes[0] ?? 'general' }
  if ([helping, asking, settingUp, asksHow, showing].some(says)) return { kind: 'help' }
  return { kind: 'greeting' }
}
