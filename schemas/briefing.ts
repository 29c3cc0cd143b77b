import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Timestamp } from './common.js'
import { ReadinessStatus } from './health.js'

export const BriefingDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a UTC date, YYYY-MM-DD' })

/** One part of the briefing; `available` is false (with the reason) when its source could not answer. */
const Section = <T extends TSchema>(item: T, title: string) => Type.Object({
  available: Type.Boolean(),
  detail: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0, description: 'how many there are; items may show fewer' }),
  items: Type.Array(item)
}, { title })

export const BriefingServer = Type.Object({
  name: Type.String(),
  title: Type.String(),
  state: Type.String({ description: 'running, stopped, crashed… or not_started' }),
  installed_at: Type.Union([Type.String(), Type.Null()])
}, { title: 'BriefingServer' })
export type BriefingServer = Static<typeof BriefingServer>

export const CatalogChange = Type.Object({
  name: Type.String(),
  title: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  change: Type.Union([Type.Literal('new'), Type.Literal('updated')]),
  version: Type.Union([Type.String(), Type.Null()])
}, { title: 'CatalogChange' })
export type CatalogChange = Static<typeof CatalogChange>

export const BriefingRecommendation = Type.Object({
  name: Type.String(),
  title: Type.String(),
  reason: Type.String(),
  source: Type.Union([Type.Literal('marketplace'), Type.Literal('discovery')])
}, { title: 'BriefingRecommendation' })
export type BriefingRecommendation = Static<typeof BriefingRecommendation>

export const BriefingTopic = Type.Object({
  conversation_id: Type.String(),
  title: Type.String(),
  updated_at: Timestamp
}, { title: 'BriefingTopic' })
export type BriefingTopic = Static<typeof BriefingTopic>

export const BriefingHealth = Type.Object({
  status: ReadinessStatus,
  failing: Type.Array(Type.String()),
  services: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')])),
  cpu_usage: Type.Number(),
  memory_usage: Type.Number(),
  connected_clients: Type.Integer()
}, { title: 'BriefingHealth' })
export type BriefingHealth = Static<typeof BriefingHealth>

export const BriefingSections = Type.Object({
  installed_servers: Section(BriefingServer, 'BriefingInstalledSection'),
  catalog_updates: Type.Composite([
    Section(CatalogChange, 'BriefingCatalogSection'),
    Type.Object({ since: Type.Union([Type.String(), Type.Null()], { description: 'the previous briefing; null for the first' }) })
  ], { title: 'BriefingCatalogSection' }),
  recommendations: Section(BriefingRecommendation, 'BriefingRecommendationSection'),
  recent_topics: Section(BriefingTopic, 'BriefingTopicSection'),
  system_health: BriefingHealth
}, { $id: 'BriefingSections', title: 'BriefingSections' })
export type BriefingSections = Static<typeof BriefingSections>

export const Briefing = Type.Object({
  date: BriefingDate,
  generated_at: Timestamp,
  provider: Type.String({ description: 'who wrote the text: embedded, openai, anthropic or gemini' }),
  model: Type.String(),
  content: Type.String({ description: 'the briefing as Markdown' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'e.g. why the embedded assistant wrote it instead of the configured provider' }),
  sections: Type.Ref(BriefingSections)
}, { $id: 'Briefing', title: 'Briefing' })
export type Briefing = Static<typeof Briefing>

/** The original's `{success, briefing, timestamp}`, with a structured briefing. */
export const BriefingResponse = Type.Object({
  success: Type.Literal(true),
  briefing: Type.Ref(Briefing),
  timestamp: Timestamp
}, { title: 'BriefingResponse' })

export const TodayQuery = Type.Object({
  refresh: Type.Boolean({ default: false, description: 'true: write a new briefing even if today\'s exists' })
})
