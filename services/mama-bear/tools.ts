import type { FastifyBaseLogger, FastifyError } from 'fastify'
import type { Static, TObject } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js'
import { MAX_TOOL_RESULT_CHARS, type ToolSpec } from './providers/types.js'

export interface ToolContext {
  userId: string
  signal: AbortSignal
}

export interface ToolResult {
  content: string
  is_error: boolean
}

/** A tool the assistant may call; `name` is what models see: [A-Za-z0-9_-], at most 64 characters. */
export interface Tool extends ToolSpec {
  /** A short human title; MCP clients show it (the MCP gateway offers the fixed tools too). */
  title?: string
  /** MCP's hints: read-only, destructive, idempotent, open-world. */
  annotations?: ToolAnnotations
  execute (args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>
}

/** Tools that depend on who asks (the user's running MCP servers), listed per answer. */
export type ToolSource = (userId: string) => Promise<Tool[]>

/**
 * A tool whose arguments are checked against a TypeBox schema before it runs; it returns any JSON
 * value, which the model receives as text.
 */
export function defineTool<S extends TObject> (definition: {
  name: string
  title?: string
  description: string
  input: S
  annotations?: ToolAnnotations
  run: (args: Static<S>, context: ToolContext) => Promise<unknown>
}): Tool {
  return {
    name: definition.name,
    ...(definition.title ? { title: definition.title } : {}),
    description: definition.description,
    input_schema: definition.input as unknown as Record<string, unknown>,
    ...(definition.annotations ? { annotations: definition.annotations } : {}),
    async execute (args, context) {
      const problem = Value.Errors(definition.input, args).First()
      if (problem) return { content: `Invalid arguments: ${problem.path || '/'} ${problem.message}`, is_error: true }
      const value = await definition.run(args as Static<S>, context)
      return { content: typeof value === 'string' ? value : JSON.stringify(value), is_error: false }
    }
  }
}

/** Runs a tool within a time limit and the answer's abort signal; failures become error results the model can read. */
export async function runTool (tool: Tool, args: Record<string, unknown>, context: ToolContext, timeoutMs: number, log: FastifyBaseLogger): Promise<ToolResult> {
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const limits = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`it did not answer within ${timeoutMs} ms`), { code: 'TOOL_TIMEOUT' })), timeoutMs)
    onAbort = () => reject(context.signal.reason)
    context.signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    const result = await Promise.race([tool.execute(args, context), limits])
    return { content: capped(result.content), is_error: result.is_error }
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason
    // The services' own errors (with a code) are written for users; anything else may hold internals.
    const failure = error as FastifyError
    if (typeof failure.code !== 'string') {
      log.error({ err: failure, tool: tool.name }, 'tool failed')
      return { content: `The tool ${tool.name} failed with an internal error`, is_error: true }
    }
    return { content: `The tool ${tool.name} failed: ${failure.message}`, is_error: true }
  } finally {
    clearTimeout(timer)
    if (onAbort) context.signal.removeEventListener('abort', onAbort)
  }
}

function capped (content: string): string {
  if (content.length <= MAX_TOOL_RESULT_CHARS) return content
  return `${content.slice(0, MAX_TOOL_RESULT_CHARS)}\n[truncated: ${content.length - MAX_TOOL_RESULT_CHARS} more characters]`
}

/**
 * The tools the assistant may use: fixed ones that services register (marketplace search, the
 * briefing…) and per-user sources (the user's running MCP servers). A source that fails is left
 * out of that answer rather than failing it.
 */
export class Toolbox {
  private readonly fixed = new Map<string, Tool>()
  private readonly sources: ToolSource[] = []

  register (tool: Tool): void {
    if (this.fixed.has(tool.name)) throw new Error(`tool ${tool.name} is already registered`)
    this.fixed.set(tool.name, tool)
  }

  addSource (source: ToolSource): void {
    this.sources.push(source)
  }

  get names (): string[] {
    return [...this.fixed.keys()]
  }

  /** The fixed tools: the sanctuary's own, which the MCP gateway offers its clients as well. */
  get shared (): Tool[] {
    return [...this.fixed.values()]
  }

  async forUser (userId: string, log: FastifyBaseLogger): Promise<Tool[]> {
    const tools = [...this.fixed.values()]
    for (const source of this.sources) {
      try {
        tools.push(...await source(userId))
      } catch (error) {
        log.warn({ err: error }, 'a tool source failed; answering without its tools')
      }
    }
    return tools
  }
}
