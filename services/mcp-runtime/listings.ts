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

/**
 * The resources, resource templates and prompts of one live connection. Lists are cached until the
 * server announces a change; a server that does not declare a capability simply has none.
 */
export class ServerListings {
  private resources?: Promise<Resource[]>
  private templates?: Promise<ResourceTemplate[]>
  private prompts?: Promise<Prompt[]>

  constructor (private readonly client: Client, private readonly options: ListingsOptions) {
    client.setNotificationHandler(ResourceListChangedNotificationSchema, async () => {
      this.resources = undefined
      this.templates = undefined
      options.onChanged('resources')
    })
    client.setNotificationHandler(PromptListChangedNotificationSchema, async () => {
      this.prompts = undefined
      options.onChanged('prompts')
    })
  }

  private get capabilities () {
    return this.client.getServerCapabilities() ?? {}
  }

  listResources (): Promise<Resource[]> {
    if (!this.capabilities.resources) return Promise.resolve([])
    this.resources ??= this.cached('resources/list', () => allPages(async (cursor) => {
      const page = await this.client.listResources(cursor ? { cursor } : undefined, { timeout: this.options.callTimeoutMs })
      return { items: page.resources, nextCursor: page.nextCursor }
    }), () => { this.resources = undefined })
    return this.resources
  }

  listResourceTemplates (): Promise<ResourceTemplate[]> {
    if (!this.capabilities.resources) return Promise.resolve([])
    this.templates ??= this.cached('resources/templates/list', () => allPages(async (cursor) => {
      const page = await this.client.listResourceTemplates(cursor ? { cursor } : undefined, { timeout: this.options.callTimeoutMs })
      return { items: page.resourceTemplates, nextCursor: page.nextCursor }
    }), () => { this.templates = undefined })
    return this.templates
  }

  listPrompts (): Promise<Prompt[]> {
    if (!this.capabilities.prompts) return Promise.resolve([])
    this.prompts ??= this.cached('prompts/list', () => allPages(async (cursor) => {
      const page = await this.client.listPrompts(cursor ? { cursor } : undefined, { timeout: this.options.callTimeoutMs })
      return { items: page.prompts, nextCursor: page.nextCursor }
    }), () => { this.prompts = undefined })
    return this.prompts
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

  /** A list fetched once and shared; a failure is not cached, so the next ask tries again. */
  private cached<T> (what: string, fetch: () => Promise<T>, forget: () => void): Promise<T> {
    return fetch().catch((error: unknown) => {
      forget()
      throw this.options.translate(error, `the ${what} request`)
    })
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
