import { Type, type Static } from '@sinclair/typebox'
import { Timestamp } from './common.js'

export const ToolVersion = Type.Object({
  available: Type.Boolean(),
  version: Type.Union([Type.String(), Type.Null()], { description: 'e.g. 2.43.0; null when the tool is missing' }),
  command: Type.String({ description: 'what was run to find it' }),
  detail: Type.Optional(Type.String({ description: 'the full version line, or why the tool is unavailable' }))
}, { $id: 'ToolVersion', title: 'ToolVersion' })
export type ToolVersion = Static<typeof ToolVersion>

export const DevEnvironment = Type.Object({
  tools: Type.Object({
    node: Type.Ref(ToolVersion),
    npm: Type.Ref(ToolVersion),
    git: Type.Ref(ToolVersion),
    python: Type.Ref(ToolVersion)
  }),
  os: Type.Object({
    platform: Type.String({ description: 'linux, darwin, win32…' }),
    type: Type.String(),
    release: Type.String({ description: 'kernel release' }),
    distribution: Type.Union([Type.String(), Type.Null()], { description: 'PRETTY_NAME from /etc/os-release, when there is one' }),
    arch: Type.String(),
    hostname: Type.String(),
    uptime_seconds: Type.Number()
  }),
  cpu: Type.Object({
    model: Type.String(),
    cores: Type.Integer(),
    speed_mhz: Type.Number(),
    load_average: Type.Array(Type.Number(), { minItems: 3, maxItems: 3, description: '1, 5 and 15 minutes' })
  }),
  memory: Type.Object({
    total_bytes: Type.Integer(),
    free_bytes: Type.Integer(),
    used_bytes: Type.Integer(),
    usage_percent: Type.Number(),
    process_rss_bytes: Type.Integer()
  }),
  timestamp: Timestamp
}, { $id: 'DevEnvironment', title: 'DevEnvironment' })
export type DevEnvironment = Static<typeof DevEnvironment>
