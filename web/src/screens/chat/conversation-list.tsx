import { useState } from 'preact/hooks'
import { api, call } from '../../api/client'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useDebounced } from '../../ui/use-debounced'
import { useResource } from '../../ui/use-resource'

/** The conversations, newest first, and a search through every message. */
export function ConversationList ({ current, version }: { current?: string, version: number }) {
  const [query, setQuery] = useState('')
  const settled = useDebounced(query.trim(), 250)
  const list = useResource(async () => await call(api.GET('/api/chat/conversations', { params: { query: { limit: 50 } } })), [version])
  // A cleared box shows no results at once; a changed one keeps the last until its own are asked for.
  const searched = query.trim() === '' ? '' : settled
  const hits = useResource(async () => settled ? await call(api.GET('/api/chat/search', { params: { query: { q: settled, limit: 20 } } })) : undefined, [settled, version])

  return (
    <nav class='conversation-list' aria-label='Conversations'>
      <a class='button-link new-conversation' href='/chat' aria-current={current === undefined ? 'page' : undefined}>New conversation</a>
      <label for='chat-search'>Search messages</label>
      <input id='chat-search' type='search' value={query} onInput={(event) => setQuery(event.currentTarget.value)} placeholder='words from any message' />
      {searched && (
        <div class='search-hits' aria-label='Search results'>
          {hits.error && <ErrorNote error={hits.error} retry={hits.reload} />}
          {hits.data && (hits.data.items.length === 0
            ? <Empty>No message mentions “{searched}”.</Empty>
            : (
              <ul class='list'>
                {hits.data.items.map((hit) => (
                  <li key={hit.message_id}>
                    <a class='list-item' href={`/chat/${hit.conversation_id}`}>
                      {hit.conversation_title}<br /><span class='hint'>{hit.role === 'user' ? 'You' : 'Mama Bear'}: {hit.snippet}</span>
                    </a>
                  </li>
                ))}
              </ul>
              ))}
        </div>
      )}
      <Loaded resource={list} what='conversations'>
        {(page) => page.items.length === 0
          ? <Empty>No conversations yet.</Empty>
          : (
            <ul class='list' aria-label='All conversations'>
              {page.items.map((conversation) => (
                <li key={conversation.id}>
                  <a class='list-item' href={`/chat/${conversation.id}`} aria-current={conversation.id === current ? 'page' : undefined}>
                    {conversation.title}
                    {conversation.generating && <span class='badge starting'>writing</span>}
                    <br /><span class='hint'>{conversation.message_count} messages · {new Date(conversation.updated_at).toLocaleString()}</span>
                  </a>
                </li>
              ))}
            </ul>
            )}
      </Loaded>
    </nav>
  )
}
