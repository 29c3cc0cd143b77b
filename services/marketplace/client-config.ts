import type { ClientConfig, ClientName } from '../../schemas/marketplace.js'
import { buildLaunchSpec, installInputs, type InstallValues, type LaunchSpec, type LaunchTarget } from './launch.js'

interface SecretInput {
  /** How the placeholder is named: the variable's name, or the argument's or header's in capitals. */
  key: string
  description: string
}

/** Stand-ins for secret values, in the form each client understands. */
const placeholder: Record<ClientName, (key: string) => string> = {
  // Claude Desktop substitutes nothing: the user replaces the marker by hand.
  'claude-desktop': (key) => `<${key}>`,
  // Cursor reads ${env:NAME} from the environment it runs in.
  cursor: (key) => `\${env:${key}}`,
  // VS Code prompts for ${input:id} once and stores the answer itself.
  vscode: (key) => `\${input:${key}}`
}

/** An argument's or a header's name as a placeholder: `--api-key` and `X-Api-Key` become API_KEY and X_API_KEY. */
function placeholderKey (inputName: string): string {
  return inputName.replace(/^-+/, '').toUpperCase().replace(/[^A-Z0-9_]/g, '_')
}

/** The stored values with each stored secret replaced by the client's placeholder. */
function withPlaceholders (target: LaunchTarget, values: InstallValues, secretNames: string[], client: ClientName): { values: InstallValues, secrets: SecretInput[] } {
  const inputs = installInputs(target)
  const secretSet = new Set(secretNames)
  const masked: InstallValues = { env: { ...values.env }, arguments: { ...values.arguments }, headers: { ...values.headers } }
  const secrets: SecretInput[] = []
  for (const spec of inputs.environment_variables.filter((item) => secretSet.has(item.name))) {
    masked.env[spec.name] = placeholder[client](spec.name)
    secrets.push({ key: spec.name, description: spec.description })
  }
  for (const [field, specs] of [['arguments', inputs.package_arguments], ['headers', inputs.headers]] as const) {
    for (const spec of specs.filter((item) => secretSet.has(item.name))) {
      const key = placeholderKey(spec.name)
      masked[field][spec.name] = placeholder[client](key)
      secrets.push({ key, description: spec.description })
    }
  }
  return { values: masked, secrets }
}

function stdioEntry (spec: Extract<LaunchSpec, { transport: 'stdio' }>) {
  return { command: spec.command, args: spec.args, ...(Object.keys(spec.env).length > 0 ? { env: spec.env } : {}) }
}

function remoteEntry (spec: Extract<LaunchSpec, { transport: 'streamable-http' | 'sse' }>) {
  return { url: spec.url, ...(Object.keys(spec.headers).length > 0 ? { headers: spec.headers } : {}) }
}

function render (client: ClientName, key: string, spec: LaunchSpec, secrets: SecretInput[]): ClientConfig {
  if (client === 'vscode') {
    const inputs = secrets.map((secret) => ({ type: 'promptString' as const, id: secret.key, description: secret.description || secret.key, password: true }))
    const server = spec.transport === 'stdio'
      ? { type: 'stdio' as const, ...stdioEntry(spec) }
      : { type: spec.transport === 'sse' ? 'sse' as const : 'http' as const, ...remoteEntry(spec) }
    return { ...(inputs.length > 0 ? { inputs } : {}), servers: { [key]: server } }
  }
  if (spec.transport === 'stdio') return { mcpServers: { [key]: stdioEntry(spec) } }
  if (client === 'cursor') return { mcpServers: { [key]: remoteEntry(spec) } }
  // Claude Desktop's config file starts local processes only; mcp-remote bridges a remote server to
  // stdio. Its documented header form has no space after the colon (spaces split arguments on Windows).
  const bridge = spec.transport === 'sse' ? 'sse-only' : 'http-only'
  const headers = Object.entries(spec.headers).flatMap(([name, value]) => ['--header', `${name}:${value}`])
  return { mcpServers: { [key]: { command: 'npx', args: ['-y', 'mcp-remote', spec.url, '--transport', bridge, ...headers] } } }
}

/**
 * The JSON a client expects for one installed server: Claude Desktop and Cursor `{mcpServers}`,
 * VS Code `{servers}` (with `inputs` prompting for secrets). Secrets are placeholders unless the
 * caller passes the real values.
 */
export function clientConfig (options: {
  client: ClientName
  name: string
  target: LaunchTarget
  values: InstallValues
  secretNames: string[]
  includeSecrets: boolean
}): ClientConfig {
  const key = options.name.split('/').at(-1) as string
  if (options.includeSecrets) return render(options.client, key, buildLaunchSpec(options.target, options.values), [])
  const masked = withPlaceholders(options.target, options.values, options.secretNames, options.client)
  return render(options.client, key, buildLaunchSpec(options.target, masked.values), masked.secrets)
}
