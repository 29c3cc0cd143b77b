import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import {
  ErrorCode, McpError, PromptListChangedNotificationSchema, ResourceListChangedNotificationSchema,
  type GetPromptResult, type Prompt, type ReadResourceResult, type Resource, type ResourceTemplate
} from '@modelcontextprotocol/sdk/types.js'
import { McpInvalidPromptArgumentsError, McpPromptNotFoundError, McpResourceNotFoundError } from './errors.js'
import { callLimits, type CallOptions } from './limits.js'

/** The lists a server may announce changes of (`notifications/<kind>/list_changed`). */
export type ListKind = 'tools' | 'resources' | 'prompts'

export interface ListingsOptions {
  /** The install's name, for messages. */
  label: string
  callTimeoutMs: number
  /** Turns an SDK failure into one of the runtime's errors (timeout, server gone, failed). */
  translate: (error: unknown, what: string) => Error
  /** Told when the server announces that one of its lists changed. */
  onChanged: (kind: ListKind) => void
}

/** Every page of a paginated list, in order. */
export async function allPages<T> (fetchPage: (cursor: string | undefined) => Promise<{ items: T[], nextCursor?: string }>): Promise<T[]> {
  const items: T[] = []
  let cursor: string | undefined
  do {
    const page = await fetchPage(cursor)
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

type CachedList = 'resources' | 'templates' | 'prompts'

/**
 * The resources, resource templates and prompts of one live connection. Lists are cached until the
 * server announces a change; a server that does not declare a capability simply has none.
 */
export class ServerListings {
  /** Each list, fetched once and shared until the server announces a change. */
  private readonly cache = new Map<CachedList, Promise<unknown[]>>()

  constructor (private readonly client: Client, private readonly options: ListingsOptions) {
    client.setNotificationHandler(ResourceListChangedNotificationSchema, async () => {
      this.cache.delete('resources')
      this.cache.delete('templates')
      options.onChanged('resources')
    })
    client.setNotificationHandler(PromptListChangedNotificationSchema, async () => {
      this.cache.delete('prompts')
      options.onChanged('prompts')
    })
  }

  private get capabilities () {
    return this.client.getServerCapabilities() ?? {}
  }

  listResources (): Promise<Resource[]> {
    return this.cached('resources', 'resources/list', this.capabilities.resources, async (cursor, limits) => {
      const page = await this.client.listResources(cursor ? { cursor } : undefined, limits)
      return { items: page.resources, nextCursor: page.nextCursor }
    })
  }

  listResourceTemplates (): Promise<ResourceTemplate[]> {
    return this.cached('templates', 'resources/templates/list', this.capabilities.resources, async (cursor, limits) => {
      const page = await this.client.listResourceTemplates(cursor ? { cursor } : undefined, limits)
      return { items: page.resourceTemplates, nextCursor: page.nextCursor }
    })
  }

  listPrompts (): Promise<Prompt[]> {
    return this.cached('prompts', 'prompts/list', this.capabilities.prompts, async (cursor, limits) => {
      const page = await this.client.listPrompts(cursor ? { cursor } : undefined, limits)
      return { items: page.prompts, nextCursor: page.nextCursor }
    })
  }

  /** Reads one resource; a URI the server does not know (or refuses) is a 404. */
  async readResource (uri: string, options: CallOptions = {}): Promise<ReadResourceResult> {
    const { label, callTimeoutMs } = this.options
    if (!this.capabilities.resources) throw new McpResourceNotFoundError(label, uri)
    try {
      return await this.client.readResource({ uri }, callLimits(callTimeoutMs, options))
    } catch (error) {
      // -32002 is the specification's "resource not found"; SDK servers answer an unknown URI with invalid params.
      if (error instanceof McpError && (error.code === -32002 || error.code === ErrorCode.InvalidParams)) throw new McpResourceNotFoundError(label, uri)
      throw this.options.translate(error, `the resource '${uri}'`)
    }
  }

  /** Gets a prompt with its arguments, checked against what the prompt declares. */
  async getPrompt (name: string, args: Record<string, string>, options: CallOptions = {}): Promise<GetPromptResult> {
    const { label, callTimeoutMs } = this.options
    const prompt = (await this.listPrompts()).find((candidate) => candidate.name === name)
    if (!prompt) throw new McpPromptNotFoundError(label, name)
    const problem = argumentsProblem(prompt, args)
    if (problem) throw new McpInvalidPromptArgumentsError(name, problem)
    try {
      return await this.client.getPrompt({ name, arguments: args }, callLimits(callTimeoutMs, options))
    } catch (error) {
      if (error instanceof McpError && error.code === ErrorCode.InvalidParams) throw new McpInvalidPromptArgumentsError(name, error.message)
      throw this.options.translate(error, `the prompt '${name}'`)
    }
  }

  /**
   * A list, every page of it, fetched once and shared; a server without the capability has none.
   * A failure is not cached, so the next ask tries again.
   */
  private cached<T> (key: CachedList, what: string, capable: unknown, fetchPage: (cursor: string | undefined, limits: { timeout: number }) => Promise<{ items: T[], nextCursor?: string }>): Promise<T[]> {
    if (!capable) return Promise.resolve([])
    let list = this.cache.get(key) as Promise<T[]> | undefined
    if (!list) {
      list = allPages((cursor) => fetchPage(cursor, { timeout: this.options.callTimeoutMs })).catch((error: unknown) => {
        if (this.cache.get(key) === list) this.cache.delete(key)
        throw this.options.translate(error, `the ${what} request`)
      })
      this.cache.set(key, list)
    }
    return list
  }
}

/** What is wrong with a prompt's arguments: a required one missing, or one it does not take. */
function argumentsProblem (prompt: Prompt, args: Record<string, string>): string | undefined {
  const declared = prompt.arguments ?? []
  const missing = declared.filter((argument) => argument.required && args[argument.name] === undefined).map((argument) => argument.name)
  if (missing.length > 0) return `missing required argument${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')}`
  const known = new Set(declared.map((argument) => argument.name))
  const unknown = Object.keys(args).filter((name) => !known.has(name))
  if (unknown.length > 0) return `unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `'${name}'`).join(', ')} (it takes ${known.size > 0 ? [...known].join(', ') : 'none'})`
  return undefined
}
