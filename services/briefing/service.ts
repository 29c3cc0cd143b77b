import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../plugins/db.js'
import type { Briefing, BriefingSections } from '../../schemas/briefing.js'
import type { BriefingsTable } from '../../migrations/tables.js'
import { EMBEDDED_MODEL } from '../mama-bear/providers/embedded.js'
import { BriefingNotFoundError } from './errors.js'
import { briefingPrompt, composeBriefing } from './compose.js'
import { gatherSections, type BriefingSources, type CatalogSnapshot } from './gather.js'

/** Briefings are per UTC day. */
export function utcDate (moment: Date): string {
  return moment.toISOString().slice(0, 10)
}

function toBriefing (row: BriefingsTable): Briefing {
  return {
    date: row.date,
    generated_at: row.created_at,
    provider: row.provider,
    model: row.model,
    content: row.content,
    note: row.note,
    sections: JSON.parse(row.sections) as BriefingSections
  }
}

/**
 * The daily briefing: written once per user per day and kept. The configured language model writes
 * it when there is one; otherwise, or when that model fails, the built-in assistant composes it from
 * the same facts (and says why in `note`).
 */
export class BriefingService {
  /** One briefing written at a time per user and day, however many ask at once. */
  private readonly writing = new Map<string, Promise<Briefing>>()

  constructor (private readonly db: Db, private readonly sources: BriefingSources, private readonly log: FastifyBaseLogger, private readonly clock: () => Date = () => new Date()) {}

  /** Today's briefing, written now if there is none yet (or if `refresh`). */
  async today (userId: string, refresh = false): Promise<Briefing> {
    const date = utcDate(this.clock())
    if (!refresh) {
      const existing = await this.find(userId, date)
      if (existing) return existing
    }
    const key = `${userId}:${date}`
    const inFlight = this.writing.get(key)
    if (inFlight) return await inFlight
    const writing = this.write(userId, date).finally(() => this.writing.delete(key))
    this.writing.set(key, writing)
    return await writing
  }

  /** A day's briefing as it was written; 404 when there is none (past days are never written afterwards). */
  async forDate (userId: string, date: string): Promise<Briefing> {
    const briefing = await this.find(userId, date)
    if (!briefing) throw new BriefingNotFoundError(date)
    return briefing
  }

  async count (): Promise<number> {
    const row = await this.db.selectFrom('briefings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  private async find (userId: string, date: string): Promise<Briefing | undefined> {
    const row = await this.db.selectFrom('briefings').selectAll().where('user_id', '=', userId).where('date', '=', date).executeTakeFirst()
    return row && toBriefing(row)
  }

  private async write (userId: string, date: string): Promise<Briefing> {
    const previousRow = await this.db.selectFrom('briefings').select(['created_at', 'catalog_snapshot'])
      .where('user_id', '=', userId).where('date', '<', date).orderBy('date', 'desc').executeTakeFirst()
    const previous = previousRow ? { created_at: previousRow.created_at, snapshot: JSON.parse(previousRow.catalog_snapshot) as CatalogSnapshot } : null
    const { sections, snapshot } = await gatherSections(this.sources, userId, previous, this.clock())
    const text = await this.writeText(date, sections)
    const row: BriefingsTable = {
      id: randomUUID(),
      user_id: userId,
      date,
      content: text.content,
      sections: JSON.stringify(sections),
      catalog_snapshot: JSON.stringify(snapshot),
      provider: text.provider,
      model: text.model,
      note: text.note,
      created_at: this.clock().toISOString()
    }
    await this.db.insertInto('briefings').values(row)
      .onConflict((conflict) => conflict.columns(['user_id', 'date']).doUpdateSet({
        content: row.content,
        sections: row.sections,
        catalog_snapshot: row.catalog_snapshot,
        provider: row.provider,
        model: row.model,
        note: row.note,
        created_at: row.created_at
      }))
      .execute()
    return toBriefing(row)
  }

  private async writeText (date: string, sections: BriefingSections): Promise<{ content: string, provider: string, model: string, note: string | null }> {
    const composed = { content: composeBriefing(date, sections), provider: 'embedded', model: EMBEDDED_MODEL }
    const { mamaBear } = this.sources
    if (mamaBear.provider.name === 'embedded') return { ...composed, note: null }
    try {
      const { system, prompt } = briefingPrompt(date, sections)
      const written = await mamaBear.complete(system, prompt)
      if (written.text.trim()) return { content: written.text, provider: written.provider, model: written.model, note: null }
      return { ...composed, note: `The ${written.provider} provider returned an empty briefing; the built-in assistant wrote this one.` }
    } catch (error) {
      this.log.warn({ err: error }, 'the provider could not write the briefing; the built-in assistant wrote it')
      return { ...composed, note: `${(error as Error).message}. The built-in assistant wrote this briefing instead.` }
    }
  }
}
