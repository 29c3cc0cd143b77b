import type { LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { build, tokenFor, type Built } from '../helper.js'

export interface WorkspaceFixture extends Built {
  id: string
  directory: string
  /** Request against this workspace's routes as its owner (the admin). */
  call: (method: 'GET' | 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown) => Promise<LightMyRequestResponse>
}

/** Load shedding off (as in every build(t)); kept as a name for the tests that spell it out. */
export const functionalEnv = { PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0' }

/** The app with one workspace owned by the admin; `env` overrides configuration. */
export async function withWorkspace (t: Test, env: Record<string, string> = {}): Promise<WorkspaceFixture> {
  const built = await build(t, { ...functionalEnv, ...env })
  const created = await built.app.inject({ method: 'POST', url: '/api/workspaces', headers: built.auth(), payload: { name: 'main' } })
  t.equal(created.statusCode, 201)
  const id = created.json().id as string
  const admin = await built.app.tokens.verify(built.adminToken)
  const directory = await built.app.workspaces.directory(admin!.userId, id)
  return {
    ...built,
    id,
    directory,
    call: (method, path, body) => built.app.inject({ method, url: `/api/workspaces/${id}${path}`, headers: built.auth(), ...(body === undefined ? {} : { payload: body as object }) })
  }
}

export { tokenFor }
