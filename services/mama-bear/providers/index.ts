import { ConfigError, type Config } from '../../../plugins/config.js'
import type { AiProviderName } from '../../../schemas/config.js'
import type { ProviderInfo } from '../../../schemas/chat.js'
import { AnthropicProvider } from './anthropic.js'
import { EmbeddedProvider } from './embedded.js'
import { GeminiProvider } from './gemini.js'
import { OpenAIProvider } from './openai.js'
import { describeCause } from './failure.js'
import type { Provider } from './types.js'

export const providerNames: AiProviderName[] = ['embedded', 'openai', 'anthropic', 'gemini']
/** A report must come back quickly even when a provider hangs. */
const PROBE_TIMEOUT_MS = 5000

const missingSettings: Record<Exclude<AiProviderName, 'embedded'>, string> = {
  openai: 'OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server such as Ollama, vLLM or LM Studio)',
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GEMINI_API_KEY'
}

export function isConfigured (name: AiProviderName, ai: Config['ai']): boolean {
  if (name === 'embedded') return true
  if (name === 'openai') return Boolean(ai.openai.apiKey ?? ai.openai.baseUrl)
  return Boolean(ai[name].apiKey)
}

function create (name: AiProviderName, ai: Config['ai']): Provider {
  const options = { timeoutMs: ai.timeoutMs, maxRetries: ai.maxRetries }
  switch (name) {
    case 'embedded': return new EmbeddedProvider()
    case 'openai': return new OpenAIProvider(ai.openai, options)
    case 'anthropic': return new AnthropicProvider(ai.anthropic, options)
    case 'gemini': return new GeminiProvider(ai.gemini, options)
  }
}

/** The configured providers; `active` answers chats. A chosen provider without its settings stops start-up. */
export class Providers {
  readonly active: Provider
  private readonly configured = new Map<AiProviderName, Provider>()

  constructor (private readonly ai: Config['ai']) {
    if (!isConfigured(ai.provider, ai)) {
      const provider = ai.provider as Exclude<AiProviderName, 'embedded'>
      throw new ConfigError([`PODPLAY_AI_PROVIDER=${provider}: expected ${missingSettings[provider]} to be set`])
    }
    for (const name of providerNames) {
      if (isConfigured(name, ai)) this.configured.set(name, create(name, ai))
    }
    this.active = this.configured.get(ai.provider) as Provider
  }

  /** Every provider: configured or not, and for configured ones whether they answer and with which models. */
  async report (): Promise<ProviderInfo[]> {
    return await Promise.all(providerNames.map(async (name): Promise<ProviderInfo> => {
      const provider = this.configured.get(name)
      const base = { name, active: name === this.ai.provider, supports_tools: true }
      if (!provider) {
        const settings = this.ai[name as Exclude<AiProviderName, 'embedded'>]
        return { ...base, configured: false, reachable: null, model: settings.model ?? null, models: [], base_url: settings.baseUrl ?? null, detail: `not configured: set ${missingSettings[name as Exclude<AiProviderName, 'embedded'>]}` }
      }
      const info = { ...base, configured: true, model: provider.model, base_url: provider.baseUrl }
      try {
        const { models } = await provider.probe(AbortSignal.timeout(Math.min(PROBE_TIMEOUT_MS, this.ai.timeoutMs)))
        return { ...info, reachable: true, models, detail: null }
      } catch (error) {
        return { ...info, reachable: false, models: [], detail: describeCause(error) }
      }
    }))
  }
}
