import MiniSearch from 'minisearch'
import { stemmer } from 'stemmer'
import { eng } from 'stopword'

/** A word of a message: as written (lower case), and its stem for matching the assistant's vocabulary. */
export interface Word {
  text: string
  stem: string
}

/** Longer "words" are pasted data, not something to look for. */
const MAX_WORD_LENGTH = 40
/** By stem too, so "taking" is as much a stop word as "take". */
const englishStopWords = new Set(eng.flatMap((word) => [word, stemmer(word)]))
/** The catalog search's own tokenizer, so the words read here are the words it will search. */
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[]

/** The message's words in order; single letters ("what's" gives "what" and "s") are dropped. */
export function readWords (message: string): Word[] {
  return tokenize(message.toLowerCase())
    .filter((token) => token.length > 1 && token.length <= MAX_WORD_LENGTH)
    .map((text) => ({ text, stem: stemmer(text) }))
}

export function isStopWord (word: Word): boolean {
  return englishStopWords.has(word.text) || englishStopWords.has(word.stem)
}

/**
 * A list of phrases (comma-separated, each of one or more words), matched by stem or, for words
 * whose stems would mix things up, exactly as written.
 */
export class Phrases {
  private readonly phrases: string[][]
  private readonly key: keyof Word

  constructor (list: string, { exact = false } = {}) {
    this.key = exact ? 'text' : 'stem'
    this.phrases = list.split(',')
      .map((phrase) => readWords(phrase).map((word) => word[this.key]))
      .filter((phrase) => phrase.length > 0)
  }

  /** The positions of the words that belong to one of the phrases. */
  covered (words: Word[]): Set<number> {
    const positions = new Set<number>()
    for (const phrase of this.phrases) {
      for (let start = 0; start + phrase.length <= words.length; start++) {
        if (phrase.every((part, offset) => words[start + offset][this.key] === part)) {
          for (let offset = 0; offset < phrase.length; offset++) positions.add(start + offset)
        }
      }
    }
    return positions
  }
}
