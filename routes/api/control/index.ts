import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ControlStatus, EffectiveConfig, LogLevelBody, LogLevelChanged } from '../../../schemas/control.js'
import { ErrorRef, authErrors } from '../../../schemas/common.js'
import type { LogLevel } from '../../../schemas/config.js'

const control: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/status', {
    schema: {
      operationId: 'getControlStatus',
      tags: ['control'],
      summary: 'Every service\'s health, process figures, counts and database facts',
      response: { 200: Type.Ref(ControlStatus), ...authErrors }
    }
  }, async () => await fastify.controlCenter.status())

  fastify.get('/config', {
    config: { scope: 'admin' },
    schema: {
      operationId: 'getControlConfig',
      tags: ['control'],
      summary: 'The effective configuration, every secret redacted',
      response: { 200: EffectiveConfig, ...authErrors }
    }
  }, async () => fastify.controlCenter.effectiveConfig())

  fastify.put('/log-level', {
    config: { scope: 'admin' },
    schema: {
      operationId: 'setLogLevel',
      tags: ['control'],
      summary: 'Change the log level at run time (not persisted across restarts)',
      body: LogLevelBody,
      response: { 200: LogLevelChanged, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => {
    const previous = fastify.log.level as LogLevel
    fastify.log.level = request.body.level
    fastify.log.warn({ level: request.body.level, previous, by: request.principal?.userName }, 'log level changed')
    return { level: request.body.level, previous }
  })
}

export default control
