import MiniSearch, { type SearchOptions } from 'minisearch'

type Id = string

/** One indexed term's documents and what the term adds to each one's score before the query's weights. */
interface TermImpacts {
  docs: Int32Array
  impacts: Float64Array
}

/** Every document a query matches (those the caller keeps), by MiniSearch's short id, with its score. */
export interface Matches {
  docs: Int32Array
  scores: Float64Array
}

/**
 * How far below the k-th best estimate a document still joins the pool the library re-scores. The
 * estimates add the same terms as MiniSearch in another order, so they differ from its scores only in
 * the last bits; this margin is a billion times wider than that.
 */
const POOL_MARGIN = 1e-9
/** Query terms are told apart by one bit each. */
const MAX_DISTINCT_TERMS = 31

/**
 * MiniSearch with a top-k search over its own index, for queries that match half the catalog.
 * MiniSearch scores every match and builds a result object for each; here each indexed term's
 * contribution to a document's BM25 score is computed once (per catalog version), the query's
 * matches are scored by adding those up in typed arrays, and only the pool of documents that can be
 * among the k best is searched by MiniSearch itself (the others get a document boost of 0, which
 * its scoring skips). MiniSearch orders that pool exactly as it orders the whole result list, so
 * the first k are the same as an exhaustive search's. Changes go through add and remove (never
 * discard or replace), so the index holds no stale postings that would change document frequencies.
 */
export class RankedMiniSearch<T> extends MiniSearch<T> {
  private readonly termImpacts = new Map<string, TermImpacts>()
  private impactsFor: SearchOptions | undefined
  /** Scratch space by short id, reused by every query (and left zeroed). */
  private score = new Float64Array(0)
  private matched = new Uint32Array(0)
  private touched = new Int32Array(0)
  private impact = new Float64Array(0)
  private impacted = new Int32Array(0)

  override add (document: T): void {
    super.add(document)
    this.termImpacts.clear()
  }

  override remove (document: T): void {
    super.remove(document)
    this.termImpacts.clear()
  }

  /** The id of a document of `Matches`. */
  idOf (doc: number): Id {
    return this._documentIds.get(doc) as Id
  }

  /**
   * Every match of `query` that `keep` accepts (all, without it), scored as MiniSearch scores it;
   * undefined for what the estimate does not model (an AND query, more than 31 distinct terms,
   * discarded documents not yet vacuumed).
   */
  matches (query: string, searchOptions: SearchOptions, keep?: (id: Id) => boolean): Matches | undefined {
    if (this._dirtCount > 0) return undefined
    const options = { tokenize: this._options.tokenize, processTerm: this._options.processTerm, ...this._options.searchOptions, ...searchOptions }
    if ((options.combineWith ?? 'or').toLowerCase() !== 'or') return undefined
    if (this.impactsFor !== searchOptions) {
      this.termImpacts.clear()
      this.impactsFor = searchOptions
    }
    const terms = options.tokenize(query).flatMap((term) => options.processTerm(term)).filter((term): term is string => !!term)
    const distinct = [...new Set(terms)]
    if (distinct.length > MAX_DISTINCT_TERMS) return undefined

    this.ensureScratch()
    const { score, matched, touched } = this
    let count = 0
    terms.forEach((term, position) => {
      const bit = 1 << distinct.indexOf(term)
      const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, position, terms) : 1
      for (const [derived, weight] of this.derivedTerms(term, position, terms, options)) {
        const { docs, impacts } = this.impactsOf(derived, options)
        const factor = weight * termBoost
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]
          if (matched[doc] === 0) touched[count++] = doc
          score[doc] += factor * impacts[i]
          matched[doc] |= bit
        }
      }
    })

    const docs = new Int32Array(count)
    const scores = new Float64Array(count)
    let kept = 0
    for (let i = 0; i < count; i++) {
      const doc = touched[i]
      if (keep === undefined || keep(this.idOf(doc))) {
        docs[kept] = doc
        // MiniSearch multiplies a score by the number of distinct query terms the document matched.
        scores[kept++] = score[doc] * bitCount(matched[doc])
      }
      score[doc] = 0
      matched[doc] = 0
    }
    return { docs: docs.subarray(0, kept), scores: scores.subarray(0, kept) }
  }

  /**
   * The ids of the k best `matches` in MiniSearch's own order: the pool that can be among them is
   * searched again by MiniSearch, and the first k of its order are the first k of the whole list.
   */
  searchTop (query: string, searchOptions: SearchOptions, matches: Matches, k: number): Id[] {
    const { docs, scores } = matches
    const threshold = k < docs.length ? kthLargest(scores, k) * (1 - POOL_MARGIN) : -Infinity
    const pool = new Set<Id>()
    for (let i = 0; i < docs.length; i++) if (scores[i] >= threshold) pool.add(this.idOf(docs[i]))
    const boost = searchOptions.boostDocument
    const onlyPool = { ...searchOptions, boostDocument: (id: Id, term: string, stored?: Record<string, unknown>) => (pool.has(id) ? (boost ? boost(id, term, stored) : 1) : 0) }
    return this.search(query, onlyPool).slice(0, k).map((result) => result.id as Id)
  }

  private ensureScratch (): void {
    if (this.score.length >= this._nextId) return
    this.score = new Float64Array(this._nextId)
    this.matched = new Uint32Array(this._nextId)
    this.touched = new Int32Array(this._nextId)
    this.impact = new Float64Array(this._nextId)
    this.impacted = new Int32Array(this._nextId)
  }

  /** The indexed terms a query term stands for and their weights, as MiniSearch's executeQuerySpec derives them. */
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

  /** What an indexed term adds to each document's score: MiniSearch's BM25+ per field, field boost and document boost. */
  private impactsOf (term: string, options: SearchOptions): TermImpacts {
    let found = this.termImpacts.get(term)
    if (found) return found
    this.ensureScratch()
    const { impact, impacted } = this
    let count = 0
    const fieldData = this._index.get(term)
    const { k, b, d } = options.bm25 as { k: number, b: number, d: number }
    for (const field of (options.fields ?? this._options.fields)) {
      const fieldId = this._fieldIds[field]
      const frequencies = fieldData?.get(fieldId)
      if (!frequencies) continue
      const fieldBoost = options.boost?.[field] || 1
      const averageLength = this._avgFieldLength[fieldId]
      const inverseFrequency = Math.log(1 + (this._documentCount - frequencies.size + 0.5) / (frequencies.size + 0.5))
      for (const [doc, frequency] of frequencies) {
        const docBoost = options.boostDocument ? options.boostDocument(this._documentIds.get(doc), term, this._storedFields.get(doc)) : 1
        if (!docBoost) continue
        const length = (this._fieldLength.get(doc) as number[])[fieldId]
        if (impact[doc] === 0) impacted[count++] = doc
        impact[doc] += fieldBoost * docBoost * inverseFrequency * (d + frequency * (k + 1) / (frequency + k * (1 - b + b * length / averageLength)))
      }
    }
    found = { docs: impacted.slice(0, count), impacts: new Float64Array(count) }
    for (let i = 0; i < count; i++) {
      found.impacts[i] = impact[found.docs[i]]
      impact[found.docs[i]] = 0
    }
    this.termImpacts.set(term, found)
    return found
  }
}

function bitCount (bits: number): number {
  let count = 0
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++
  return count
}

/** The k-th largest of `values` (1-based), with a min-heap of the k largest seen so far. */
function kthLargest (values: Float64Array, k: number): number {
  const heap = new Float64Array(k)
  let size = 0
  for (const value of values) {
    if (size < k) {
      let child = size++
      while (child > 0) {
        const parent = (child - 1) >> 1
        if (heap[parent] <= value) break
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = value
    } else if (value > heap[0]) {
      let parent = 0
      for (;;) {
        let child = 2 * parent + 1
        if (child >= k) break
        if (child + 1 < k && heap[child + 1] < heap[child]) child++
        if (heap[child] >= value) break
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = value
    }
  }
  return heap[0]
}
