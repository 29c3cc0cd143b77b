/** Keys whose values are secrets wherever they appear in the configuration. */
const secretKey = /token|secret|apikey|password/i

/** A URL's credentials (postgres://user:pass@host) are secret; the rest of it is useful to see. */
export function redactUrlCredentials (value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return value
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1[redacted]@')
}

/** A copy of the configuration safe to show: secret values become "[redacted]", unset ones null. */
export function redactConfig (value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => redactConfig(item, key))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, redactConfig(inner, name)]))
  }
  if (value === undefined || value === null) return null
  if (secretKey.test(key)) return '[redacted]'
  return typeof value === 'string' ? redactUrlCredentials(value) : value
}
