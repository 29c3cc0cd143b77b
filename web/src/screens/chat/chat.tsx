import { useState } from 'preact/hooks'
import { useTitle } from '../../ui/use-title'
import { ConversationList } from './conversation-list'
import { ConversationView } from './conversation-view'

/** Mama Bear: the conversations on the left, the one in the address on the right. */
export function Chat ({ id }: { id?: string }) {
  useTitle('Mama Bear')
  // Bumped when a conversation is created, answered or deleted, so the list shows it.
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((value) => value + 1)
  return (
    <div class='split chat'>
      <ConversationList current={id} version={version} />
      <ConversationView key={id ?? 'new'} id={id} changed={changed} />
    </div>
  )
}
