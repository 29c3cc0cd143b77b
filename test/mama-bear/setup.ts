import type { Test } from 'tap'
import { build, type Built } from '../helper.js'

/**
 * The real app for these tests. The machine running them is shared and busy, so the event-loop
 * guard (503 under pressure) is set far out of the way: these tests are about answers, not load.
 */
export async function buildApp (t: Test, env: Record<string, string> = {}): Promise<Built> {
  return await build(t, env)
}

export async function chat ({ app, auth }: Built, message: string, extra: Record<string, unknown> = {}, token?: string) {
  return await app.inject({ method: 'POST', url: '/api/chat', headers: auth(token), payload: { message, ...extra } })
}

export async function conversation ({ app, auth }: Built, id: string, token?: string) {
  return await app.inject({ method: 'GET', url: `/api/chat/conversations/${id}`, headers: auth(token) })
}
