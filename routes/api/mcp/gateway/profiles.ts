import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorRef, authErrors } from '../../../../schemas/common.js'
import { GatewayProfile, GatewayProfileBody, GatewayProfilePage, PageQuery, ProfileParams } from '../../../../schemas/mcp-gateway.js'

const tags = ['mcp-gateway']
const Profile = Type.Ref(GatewayProfile)

/** The calling user's MCP gateway profiles: `/mcp?profile=NAME` sees only what one allows. */
const profiles: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/profiles', {
    schema: {
      operationId: 'saveMcpGatewayProfile',
      tags,
      summary: 'Create a profile (201), or replace the one of that name (200): the servers a session sees, optionally the tools of each, the sanctuary tools and the tools mode',
      body: GatewayProfileBody,
      response: { 200: Profile, 201: Profile, 400: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    const { profile, created } = await fastify.mcpGateway.saveProfile(request.principal!.userId, request.body)
    return reply.code(created ? 201 : 200).send(profile)
  })

  fastify.get('/profiles', {
    schema: {
      operationId: 'listMcpGatewayProfiles',
      tags,
      summary: 'The calling user\'s profiles, by name',
      querystring: PageQuery,
      response: { 200: GatewayProfilePage, 400: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.mcpGateway.profiles.page(request.principal!.userId, request.query.limit, request.query.cursor))

  fastify.get('/profiles/:name', {
    schema: {
      operationId: 'getMcpGatewayProfile',
      tags,
      summary: 'One of the calling user\'s profiles',
      params: ProfileParams,
      response: { 200: Profile, 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request) => await fastify.mcpGateway.profiles.get(request.principal!.userId, request.params.name))

  fastify.delete('/profiles/:name', {
    schema: {
      operationId: 'deleteMcpGatewayProfile',
      tags,
      summary: 'Delete a profile; the sessions opened with it end (their clients initialise again)',
      params: ProfileParams,
      response: { 204: Type.Null(), 400: ErrorRef, 404: ErrorRef, ...authErrors }
    }
  }, async (request, reply) => {
    await fastify.mcpGateway.removeProfile(request.principal!.userId, request.params.name)
    return reply.code(204).send(null)
  })
}

export default profiles
