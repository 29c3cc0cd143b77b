import type { ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js'
import type { LaunchSpec } from '../marketplace/launch.js'
import { isolatedFetch } from './isolated-fetch.js'

/**
 * The SDK's stdio transport, exposing the child it spawned. The SDK keeps the ChildProcess private
 * and reports only "closed"; keeping the exit code and waiting for a real exit need the handle.
 */
class ChildStdioTransport extends StdioClientTransport {
  child?: ChildProcess

  constructor (parameters: StdioServerParameters, private readonly onSpawn: (pid: number) => void) {
    super(parameters)
  }

  override async start (): Promise<void> {
    await super.start()
    this.child = (this as unknown as { _process: ChildProcess })._process
    this.onSpawn(this.child.pid!)
  }
}

export type TransportKind = LaunchSpec['transport']

export interface Connected {
  client: Client
  /** What was actually used: a Streamable HTTP spec may have fallen back to SSE. */
  kind: TransportKind
  /** The child process, for stdio servers. */
  child?: ChildProcess
  /** Ends a Streamable HTTP session politely before the client closes; a no-op elsewhere. */
  endSession: () => Promise<void>
}

export interface ConnectOptions {
  /** A fresh client per attempt: a client whose connection failed is closed for good. */
  makeClient: () => Client
  /** Told the pid as soon as a child is spawned, before the handshake. */
  onSpawn: (pid: number) => void
  /** Where the child's stderr goes, chunk by chunk. */
  onStderr: (chunk: string) => void
  /** Initialisation limits: a timeout and an abort signal for a stop that arrives mid-start. */
  request: RequestOptions
}

function hasExited (child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Resolves once the child has exited, however it ended. */
export function exitOf (child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Closes the client and, for a child process, waits until it has really exited. The SDK's close
 * ends stdin, then sends SIGTERM and SIGKILL after grace periods, but does not wait for the last
 * one to land; a SIGKILL here covers a child that outlived even that.
 */
export async function closeClient (client: Client, child: ChildProcess | undefined): Promise<void> {
  await client.close()
  if (!child || child.pid === undefined) return
  if (!hasExited(child)) child.kill('SIGKILL')
  await exitOf(child)
}

async function connectStdio (spec: Extract<LaunchSpec, { transport: 'stdio' }>, options: ConnectOptions): Promise<Connected> {
  // An argument array and no shell: nothing in a command or argument is ever interpreted.
  const transport = new ChildStdioTransport({ command: spec.command, args: spec.args, env: spec.env, stderr: 'pipe' }, options.onSpawn)
  const stderr = transport.stderr as Readable
  stderr.setEncoding('utf8')
  stderr.on('data', options.onStderr)
  const client = options.makeClient()
  try {
    await client.connect(transport, options.request)
  } catch (error) {
    await closeClient(client, transport.child)
    throw error
  }
  return { client, kind: 'stdio', child: transport.child, endSession: async () => {} }
}

/** A 4xx to the Streamable HTTP POST means the server does not speak it; an older server may speak SSE. */
function speaksOnlySse (error: unknown): boolean {
  return error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400 && error.code < 500
}

async function connectRemote (spec: Exclude<LaunchSpec, { transport: 'stdio' }>, options: ConnectOptions): Promise<Connected> {
  const url = new URL(spec.url)
  const requestInit = { headers: spec.headers }
  if (spec.transport === 'streamable-http') {
    const client = options.makeClient()
    const transport = new StreamableHTTPClientTransport(url, { requestInit, fetch: isolatedFetch })
    try {
      await client.connect(transport, options.request)
      return { client, kind: 'streamable-http', endSession: () => transport.terminateSession() }
    } catch (error) {
      await client.close()
      if (!speaksOnlySse(error)) throw error
    }
  }
  const client = options.makeClient()
  const transport = new SSEClientTransport(url, { requestInit, fetch: isolatedFetch })
  try {
    await client.connect(transport, options.request)
  } catch (error) {
    await client.close()
    throw error
  }
  return { client, kind: 'sse', endSession: async () => {} }
}

/** Opens an initialised MCP client for a launch spec: a child over stdio, or a remote over HTTP. */
export function connect (spec: LaunchSpec, options: ConnectOptions): Promise<Connected> {
  return spec.transport === 'stdio' ? connectStdio(spec, options) : connectRemote(spec, options)
}
