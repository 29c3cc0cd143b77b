import { Type, type Static } from '@sinclair/typebox'

export const RecommendationsQuery = Type.Object({
  workspace_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'one workspace; without it, all of yours' }))
}, { additionalProperties: false })

export const DiscoveryRecommendation = Type.Object({
  name: Type.String({ description: 'the catalog server to install' }),
  title: Type.String(),
  description: Type.String(),
  category: Type.String(),
  reason: Type.String({ description: 'why, in words, e.g. "package.json depends on pg"' }),
  evidence: Type.Array(Type.Object({
    workspace_id: Type.String(),
    file: Type.String({ description: 'where it was found, relative to the workspace' }),
    detail: Type.String()
  }), { minItems: 1 })
}, { $id: 'DiscoveryRecommendation', title: 'DiscoveryRecommendation' })
export type DiscoveryRecommendation = Static<typeof DiscoveryRecommendation>

export const RecommendationList = Type.Object({
  workspace_id: Type.Union([Type.String(), Type.Null()], { description: 'null when computed across all your workspaces' }),
  recommendations: Type.Array(Type.Ref(DiscoveryRecommendation), { description: 'servers you have not installed, best supported first' }),
  generated_at: Type.String({ format: 'date-time' })
}, { title: 'RecommendationList' })

/** Pushed to the owner's room when a manifest changed in a watched workspace. */
export const DiscoveryRecommendationEvent = Type.Object({
  workspace_id: Type.String(),
  recommendations: Type.Array(DiscoveryRecommendation),
  timestamp: Type.String({ format: 'date-time' })
}, { $id: 'DiscoveryRecommendationEvent', title: 'DiscoveryRecommendationEvent' })
