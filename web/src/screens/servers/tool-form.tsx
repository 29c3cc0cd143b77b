import { useState } from 'preact/hooks'
import { api, call, type Answer, type Schemas } from '../../api/client'
import { initialValue, type JsonSchema } from '../../ui/json-schema'
import { JsonField, ObjectFields } from '../../ui/schema-form'
import { ScopedButton } from '../../ui/scoped-button'
import { ErrorNote } from '../../ui/states'
import { ToolResult } from '../../ui/tool-result'

type Tool = Schemas['McpTool']

/**
 * One tool of a running server: a form generated from its input schema (raw JSON when asked, or
 * when the schema has nothing the fields can show), the call, and its result.
 */
export function ToolForm ({ server, tool }: { server: string, tool: Tool }) {
  const schema = tool.input_schema as JsonSchema
  const id = `tool-${tool.name.replace(/[^A-Za-z0-9_-]/g, '_')}`
  const [value, setValue] = useState<Record<string, unknown>>(() => (initialValue(schema) ?? {}) as Record<string, unknown>)
  const [raw, setRaw] = useState(() => Object.keys(schema.properties ?? {}).length === 0 && schema.type !== 'object')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const [result, setResult] = useState<Answer<'/api/mcp/installed/{name}/tools/{tool}/call', 'post'>>()

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      setResult(await call(api.POST('/api/mcp/installed/{name}/tools/{tool}/call', { params: { path: { name: server, tool: tool.name } }, body: { arguments: value } })))
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <details class='tool' data-testid={`tool-${tool.name}`}>
      <summary>{tool.name}{tool.description && <span class='muted'> — {tool.description}</span>}</summary>
      <form onSubmit={submit} aria-label={`Call ${tool.name}`}>
        <label class='inline' for={`${id}-raw`}>
          <input id={`${id}-raw`} type='checkbox' checked={raw} onChange={(event) => setRaw(event.currentTarget.checked)} /> Edit the arguments as JSON
        </label>
        {raw
          ? <JsonField key='raw' id={`${id}-json`} name='Arguments (JSON)' schema={{ description: 'an object, checked against the tool\'s input schema by the service' }} value={value} required={false} onChange={(next) => setValue((next ?? {}) as Record<string, unknown>)} />
          : <ObjectFields id={id} schema={schema} value={value} onChange={setValue} />}
        <div class='actions'><ScopedButton type='submit' busy={busy} busyLabel='Calling…'>Call {tool.name}</ScopedButton></div>
      </form>
      {error && <ErrorNote error={error} />}
      {result && <ToolResult result={result} />}
    </details>
  )
}
