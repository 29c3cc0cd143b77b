import { Type, type Static } from '@sinclair/typebox'
import { LogLevel } from './config.js'
import { ServiceCheck } from './health.js'

export const ControlStatus = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded')], { description: 'degraded when any service is down' }),
  timestamp: Type.String({ format: 'date-time' }),
  services: Type.Record(Type.String(), Type.Ref(ServiceCheck)),
  process: Type.Object({
    pid: Type.Integer(),
    uptime_seconds: Type.Number(),
    cpu_percent: Type.Number({ description: 'since the previous status request; 100 = one core' }),
    rss_bytes: Type.Integer(),
    heap_used_bytes: Type.Integer(),
    heap_total_bytes: Type.Integer(),
    event_loop_delay_ms: Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number() }),
    open_handles: Type.Integer({ description: 'active libuv resources (sockets, timers, files…)' }),
    node_version: Type.String()
  }),
  counts: Type.Record(Type.String(), Type.Integer(), { description: 'connected sockets, users online, running MCP servers, terminals, workspaces, generations…' }),
  database: Type.Object({
    kind: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    size_bytes: Type.Union([Type.Integer(), Type.Null()]),
    migration: Type.Union([Type.String(), Type.Null()])
  })
}, { $id: 'ControlStatus', title: 'ControlStatus' })
export type ControlStatus = Static<typeof ControlStatus>

export const EffectiveConfig = Type.Record(Type.String(), Type.Unknown(), { title: 'EffectiveConfig', description: 'the running configuration; secrets show as "[redacted]"' })

export const LogLevelBody = Type.Object({ level: LogLevel }, { additionalProperties: false, title: 'LogLevelBody' })
export const LogLevelChanged = Type.Object({ level: LogLevel, previous: LogLevel }, { title: 'LogLevelChanged' })
