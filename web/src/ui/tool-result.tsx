import type { Schemas } from '../api/client'

type Result = Schemas['McpToolCallResult']
type Item = Result['content'][number] & Record<string, unknown>

const SAFE_LINK = /^https?:\/\//i
const MEDIA_TYPE = /^(image|audio)\/[\w.+-]+$/

/** One content item of a tool result, as what it is; text is always shown as text, never as HTML. */
function ContentItem ({ item }: { item: Item }) {
  const { type } = item
  if (type === 'text' && typeof item.text === 'string') return <pre class='tool-text'>{item.text}</pre>
  if ((type === 'image' || type === 'audio') && typeof item.data === 'string' && typeof item.mimeType === 'string' && MEDIA_TYPE.test(item.mimeType)) {
    const source = `data:${item.mimeType};base64,${item.data}`
    return type === 'image' ? <img src={source} alt={`image from the tool (${item.mimeType})`} /> : <audio controls src={source} />
  }
  if (type === 'resource' && typeof item.resource === 'object' && item.resource !== null) {
    const resource = item.resource as { uri?: string, text?: string, blob?: string, mimeType?: string }
    return (
      <div class='tool-resource'>
        <p class='hint'>resource <code>{resource.uri}</code>{resource.mimeType ? ` (${resource.mimeType})` : ''}</p>
        {typeof resource.text === 'string' ? <pre>{resource.text}</pre> : <p class='muted'>binary, {Math.floor((resource.blob?.length ?? 0) * 3 / 4)} bytes</p>}
      </div>
    )
  }
  if (type === 'resource_link' && typeof item.uri === 'string') {
    const label = typeof item.name === 'string' ? item.name : item.uri
    return <p>link: {SAFE_LINK.test(item.uri) ? <a href={item.uri} target='_blank' rel='noopener noreferrer'>{label}</a> : <code>{item.uri}</code>}</p>
  }
  return <pre>{JSON.stringify(item, null, 2)}</pre>
}

/** A tool's answer: its content items, its structured content, and whether the tool reported a failure. */
export function ToolResult ({ result }: { result: Result }) {
  return (
    <div class={`tool-result ${result.is_error ? 'is-error' : ''}`} data-testid='tool-result'>
      {result.is_error && <p class='state error' role='alert'>The tool reported an error:</p>}
      {result.content.map((item, index) => <ContentItem key={index} item={item as Item} />)}
      {result.content.length === 0 && <p class='muted'>The tool answered with no content.</p>}
      {result.structured_content && (
        <>
          <p class='hint'>Structured content</p>
          <pre>{JSON.stringify(result.structured_content, null, 2)}</pre>
        </>
      )}
    </div>
  )
}
