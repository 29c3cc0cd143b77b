import { randomUUID } from 'node:crypto'
import type { Db } from '../../plugins/db.js'
import type { GatewayProfilesTable } from '../../migrations/tables.js'
import type { GatewayProfile, GatewayProfileBody, ToolsMode } from '../../schemas/mcp-gateway.js'
import { decodeCursor, encodeCursor } from '../mama-bear/records.js'
import { InvalidCursorError, ProfileNotFoundError } from './errors.js'

export interface ProfilePage {
  items: GatewayProfile[]
  next_cursor: string | null
  total: number
}

function toProfile (row: GatewayProfilesTable): GatewayProfile {
  return {
    name: row.name,
    description: row.description,
    servers: JSON.parse(row.servers),
    sanctuary_tools: row.sanctuary_tools === null ? null : JSON.parse(row.sanctuary_tools),
    tools_mode: row.tools_mode as ToolsMode,
    created_at: row.created_at,
    updated_at: row.updated_at
  }
}

/** Each user's MCP gateway profiles: named allow-lists of servers and tools, with a tools mode. */
export class ProfileStore {
  constructor (private readonly db: Db) {}

  /** Creates the profile, or replaces the user's profile of that name; says which. */
  async save (userId: string, body: GatewayProfileBody): Promise<{ profile: GatewayProfile, created: boolean }> {
    const now = new Date().toISOString()
    const values = {
      description: body.description ?? null,
      servers: JSON.stringify(body.servers),
      sanctuary_tools: body.sanctuary_tools === undefined ? null : JSON.stringify(body.sanctuary_tools),
      tools_mode: body.tools_mode ?? 'all',
      updated_at: now
    }
    const existing = await this.find(userId, body.name)
    await this.db.insertInto('gateway_profiles')
      .values({ id: randomUUID(), user_id: userId, name: body.name, created_at: now, ...values })
      .onConflict((conflict) => conflict.columns(['user_id', 'name']).doUpdateSet(values))
      .execute()
    return { profile: await this.get(userId, body.name), created: existing === undefined }
  }

  async get (userId: string, name: string): Promise<GatewayProfile> {
    const profile = await this.find(userId, name)
    if (!profile) throw new ProfileNotFoundError(name)
    return profile
  }

  async find (userId: string, name: string): Promise<GatewayProfile | undefined> {
    const row = await this.db.selectFrom('gateway_profiles').selectAll().where('user_id', '=', userId).where('name', '=', name).executeTakeFirst()
    return row ? toProfile(row) : undefined
  }

  /** By name. */
  async page (userId: string, limit: number, cursor?: string): Promise<ProfilePage> {
    let query = this.db.selectFrom('gateway_profiles').selectAll().where('user_id', '=', userId)
    if (cursor !== undefined) {
      const key = decodeCursor(cursor)
      if (!key) throw new InvalidCursorError()
      query = query.where('name', '>', key[0])
    }
    const rows = await query.orderBy('name').limit(limit + 1).execute()
    const total = await this.db.selectFrom('gateway_profiles').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()
    const shown = rows.slice(0, limit)
    const last = shown.at(-1)
    return {
      items: shown.map(toProfile),
      next_cursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
      total: Number(total.n)
    }
  }

  async remove (userId: string, name: string): Promise<void> {
    const result = await this.db.deleteFrom('gateway_profiles').where('user_id', '=', userId).where('name', '=', name).executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) throw new ProfileNotFoundError(name)
  }
}
