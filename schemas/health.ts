import { Type, type Static } from '@sinclair/typebox'

export const Health = Type.Object({
  status: Type.Literal('healthy'),
  service: Type.Literal('podplay-sanctuary'),
  version: Type.String(),
  timestamp: Type.String({ format: 'date-time' })
}, { title: 'Health' })

export const Liveness = Type.Object({
  status: Type.Literal('alive'),
  uptime_seconds: Type.Number()
}, { title: 'Liveness' })

export const ServiceCheck = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  detail: Type.Optional(Type.String()),
  latency_ms: Type.Number()
}, { $id: 'ServiceCheck', title: 'ServiceCheck' })
export type ServiceCheck = Static<typeof ServiceCheck>

/** `degraded`: a service the instance can work without is down (answered 200, not 503). */
export const ReadinessStatus = Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('not_ready')])

export const Readiness = Type.Object({
  status: ReadinessStatus,
  failing: Type.Array(Type.String(), { description: 'the essential services that are down: the instance is not ready' }),
  degraded: Type.Array(Type.String(), { description: 'the services that are down but that the instance can work without' }),
  services: Type.Record(Type.String(), Type.Ref(ServiceCheck)),
  timestamp: Type.String({ format: 'date-time' })
}, { $id: 'Readiness', title: 'Readiness' })
export type Readiness = Static<typeof Readiness>

export const SystemFigures = Type.Object({
  cpu_usage: Type.Number({ description: 'process CPU %, over the time since the previous sample' }),
  memory_usage: Type.Number({ description: 'resident set size as a % of the machine memory' }),
  memory_rss_bytes: Type.Integer(),
  active_workspaces: Type.Integer(),
  active_terminals: Type.Integer(),
  connected_clients: Type.Integer()
}, { title: 'SystemFigures' })

export const SystemStatus = Type.Object({
  timestamp: Type.String({ format: 'date-time' }),
  services: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')])),
  system: SystemFigures
}, { $id: 'SystemStatus', title: 'SystemStatus' })
export type SystemStatus = Static<typeof SystemStatus>
