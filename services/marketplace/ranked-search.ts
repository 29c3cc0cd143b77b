import MiniSearch, { type SearchOptions } from 'minisearch'
import { bestFirst } from './best-first.js'

type Id = string

/** One indexed term's postings in one field, with the factors MiniSearch's BM25+ multiplies in for each document. */
interface FieldPostings {
  fieldBoost: number
  docs: Int32Array
  docBoosts: Float64Array
  bm25: Float64Array
}

interface DocumentColumns {
  ids: Id[]
  stored: Array<Record<string, unknown> | undefined>
  fieldLengths: Float64Array[]
}

/**
 * Every document a query matches (those the caller keeps), by MiniSearch's short id, in the order
 * MiniSearch's result list holds them before it sorts, with the score it gives each.
 */
export interface Matches {
  docs: Int32Array
  scores: Float64Array
}

/** Query terms are told apart by one bit each. */
const MAX_DISTINCT_TERMS = 31
/** How long `prepare` works at a time before it lets other work run. */
const PREPARE_SLICE_MS = 2

/**
 * MiniSearch with a top-k search over its own index, for queries that match half the catalog.
 * MiniSearch builds a result object for every match, scores it through maps and sorts them all;
 * here the factors of each indexed term's BM25+ score are kept per posting (once per catalog
 * version), a query's matches are scored by walking those in typed arrays, and only the k best are
 * sorted. The walk multiplies and adds the same numbers in the same order as MiniSearch's
 * executeQuerySpec, termResults and OR combination, so each score is the very same floating-point
 * number, and the matches keep the order MiniSearch's result map has, which its stable sort keeps
 * among equal scores: the first k are an exhaustive search's first k. Changes go through add and
 * remove (never discard or replace), so the index holds no stale postings.
 */
export class RankedMiniSearch<T> extends MiniSearch<T> {
  private readonly postings = new Map<string, FieldPostings[]>()
  private columns: DocumentColumns | undefined
  /** Grows at every change, so that a preparation under way knows it is out of date. */
  private version = 0
  private postingsFor: SearchOptions | undefined
  /** Scratch space by short id, reused by every query (and left zeroed). */
  private termScore = new Float64Array(0)
  private score = new Float64Array(0)
  private matched = new Uint32Array(0)
  private touched = new Int32Array(0)
  private termTouched = new Int32Array(0)

  override add (document: T): void {
    super.add(document)
    this.changed()
  }

  override remove (document: T): void {
    super.remove(document)
    this.changed()
  }

  /**
   * Works out every indexed term's postings ahead of the searches, a slice at a time between other
   * work, so that a query's first run costs what its next runs do (a word's postings are otherwise
   * worked out by the first query that needs them). True once done; false when a change of the
   * index overtook it, which clears the postings again.
   */
  prepare (searchOptions: SearchOptions): Promise<boolean> {
    const version = this.version
    const options = this.queryOptions(searchOptions)
    const terms = this._index.keys()
    return new Promise((resolve) => {
      const slice = () => {
        if (this.version !== version) return resolve(false)
        const until = performance.now() + PREPARE_SLICE_MS
        for (let next = terms.next(); !next.done; next = terms.next()) {
          this.postingsOf(next.value, options)
          if (performance.now() >= until) {
            setImmediate(slice)
            return
          }
        }
        resolve(true)
      }
      setImmediate(slice)
    })
  }

  /** The short id of an indexed document. */
  docOf (id: Id): number | undefined {
    return this._idToShortId.get(id)
  }

  /**
   * Every match of `query` that `keep` accepts (all, without it), scored as MiniSearch scores it;
   * undefined for what the walk does not reproduce (an AND query, more than 31 distinct terms,
   * discarded documents not yet vacuumed).
   */
  matches (query: string, searchOptions: SearchOptions, keep?: (doc: number) => boolean): Matches | undefined {
    if (this._dirtCount > 0) return undefined
    const options = this.queryOptions(searchOptions)
    if ((options.combineWith ?? 'or').toLowerCase() !== 'or') return undefined
    const terms = options.tokenize(query).flatMap((term) => options.processTerm(term)).filter((term): term is string => !!term)
    const distinct = [...new Set(terms)]
    if (distinct.length > MAX_DISTINCT_TERMS) return undefined

    this.ensureScratch()
    const { termScore, score, matched, touched, termTouched } = this
    let count = 0
    terms.forEach((term, position) => {
      const bit = 1 << distinct.indexOf(term)
      const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, position, terms) : 1
      let termCount = 0
      for (const [derived, weight] of this.derivedTerms(term, position, terms, options)) {
        for (const { fieldBoost, docs, docBoosts, bm25 } of this.postingsOf(derived, options)) {
          // MiniSearch's termWeight * termBoost * fieldBoost * docBoost * rawScore, left to right.
          const factor = weight * termBoost * fieldBoost
          for (let i = 0; i < docs.length; i++) {
            const doc = docs[i]
            if (termScore[doc] === 0) {
              termTouched[termCount++] = doc
              if (matched[doc] === 0) touched[count++] = doc
            }
            termScore[doc] += factor * docBoosts[i] * bm25[i]
          }
        }
      }
      // The OR combination: each query term's sum is added to what the earlier terms gave.
      for (let i = 0; i < termCount; i++) {
        const doc = termTouched[i]
        score[doc] += termScore[doc]
        termScore[doc] = 0
        matched[doc] |= bit
      }
    })

    const docs = new Int32Array(count)
    const scores = new Float64Array(count)
    let kept = 0
    for (let i = 0; i < count; i++) {
      const doc = touched[i]
      if (keep === undefined || keep(doc)) {
        docs[kept] = doc
        // MiniSearch multiplies a score by the number of distinct query terms the document matched.
        scores[kept++] = score[doc] * bitCount(matched[doc])
      }
      score[doc] = 0
      matched[doc] = 0
    }
    return { docs: docs.subarray(0, kept), scores: scores.subarray(0, kept) }
  }

  /** The k best of `matches` in MiniSearch's order: by score, equal scores in the order matched. */
  top (matches: Matches, k: number): Int32Array {
    return Int32Array.from(bestFirst(matches.scores, k), (i) => matches.docs[i])
  }

  /** The options MiniSearch's search would apply; the postings worked out are for one set of options at a time. */
  private queryOptions (searchOptions: SearchOptions): SearchOptions & Required<Pick<SearchOptions, 'tokenize' | 'processTerm'>> {
    if (this.postingsFor !== searchOptions) {
      this.postings.clear()
      this.postingsFor = searchOptions
    }
    return { tokenize: this._options.tokenize, processTerm: this._options.processTerm, ...this._options.searchOptions, ...searchOptions }
  }

  private changed (): void {
    this.postings.clear()
    this.columns = undefined
    this.version++
  }

  private ensureScratch (): void {
    if (this.score.length >= this._nextId) return
    this.termScore = new Float64Array(this._nextId)
    this.score = new Float64Array(this._nextId)
    this.matched = new Uint32Array(this._nextId)
    this.touched = new Int32Array(this._nextId)
    this.termTouched = new Int32Array(this._nextId)
  }

  /** The indexed terms a query term stands for and their weights, in the order MiniSearch's executeQuerySpec scores them. */
  private derivedTerms (term: string, position: number, terms: string[], options: SearchOptions): Array<[string, number]> {
    const { fuzzy: fuzzyWeight, prefix: prefixWeight } = options.weights as { fuzzy: number, prefix: number }
    const derived: Array<[string, number]> = [[term, 1]]
    const prefix = typeof options.prefix === 'function' ? options.prefix(term, position, terms) : options.prefix === true
    const fuzzyOption = typeof options.fuzzy === 'function' ? options.fuzzy(term, position, terms) : (options.fuzzy ?? false)
    let fuzzyMatches: Map<string, [unknown, number]> | undefined
    if (fuzzyOption) {
      const fuzzy = fuzzyOption === true ? 0.2 : fuzzyOption
      const maxDistance = fuzzy < 1 ? Math.min(options.maxFuzzy as number, Math.round(term.length * fuzzy)) : fuzzy
      if (maxDistance) fuzzyMatches = this._index.fuzzyGet(term, maxDistance)
    }
    if (prefix) {
      for (const [match] of this._index.atPrefix(term)) {
        const distance = match.length - term.length
        if (!distance) continue
        fuzzyMatches?.delete(match)
        derived.push([match, prefixWeight * match.length / (match.length + 0.3 * distance)])
      }
    }
    for (const [match, [, distance]] of fuzzyMatches ?? []) {
      if (distance) derived.push([match, fuzzyWeight * match.length / (match.length + distance)])
    }
    return derived
  }

  /** Each document's id, stored fields and field lengths by short id, read once per catalog version instead of through three maps per posting. */
  private documents (): DocumentColumns {
    if (this.columns) return this.columns
    const ids: Id[] = []
    const stored: Array<Record<string, unknown> | undefined> = []
    const fieldLengths = Object.values(this._fieldIds).map(() => new Float64Array(this._nextId))
    for (const [doc, id] of this._documentIds) {
      ids[doc] = id
      stored[doc] = this._storedFields.get(doc)
      const lengths = this._fieldLength.get(doc) as number[]
      for (let field = 0; field < fieldLengths.length; field++) fieldLengths[field][doc] = lengths[field]
    }
    this.columns = { ids, stored, fieldLengths }
    return this.columns
  }

  /** An indexed term's postings per searched field, in MiniSearch's order, with each document's boost and BM25+ score. */
  private postingsOf (term: string, options: SearchOptions): FieldPostings[] {
    let found = this.postings.get(term)
    if (found) return found
    found = []
    const { ids, stored, fieldLengths } = this.documents()
    const fieldData = this._index.get(term)
    const { k, b, d } = options.bm25 as { k: number, b: number, d: number }
    for (const field of (options.fields ?? this._options.fields)) {
      const fieldId = this._fieldIds[field]
      const frequencies = fieldData?.get(fieldId)
      if (!frequencies) continue
      const averageLength = this._avgFieldLength[fieldId]
      const inverseFrequency = Math.log(1 + (this._documentCount - frequencies.size + 0.5) / (frequencies.size + 0.5))
      const docs = new Int32Array(frequencies.size)
      const docBoosts = new Float64Array(frequencies.size)
      const bm25 = new Float64Array(frequencies.size)
      let count = 0
      for (const [doc, frequency] of frequencies) {
        const docBoost = options.boostDocument ? options.boostDocument(ids[doc], term, stored[doc]) : 1
        if (!docBoost) continue
        const length = fieldLengths[fieldId][doc]
        docs[count] = doc
        docBoosts[count] = docBoost
        bm25[count++] = inverseFrequency * (d + frequency * (k + 1) / (frequency + k * (1 - b + b * length / averageLength)))
      }
      found.push({ fieldBoost: options.boost?.[field] || 1, docs: docs.subarray(0, count), docBoosts: docBoosts.subarray(0, count), bm25: bm25.subarray(0, count) })
    }
    this.postings.set(term, found)
    return found
  }
}

function bitCount (bits: number): number {
  let count = 0
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++
  return count
}
