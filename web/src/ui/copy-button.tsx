import { useState } from 'preact/hooks'

/** Copies `text` to the clipboard and says whether it worked. */
export function CopyButton ({ text, label = 'Copy' }: { text: string, label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed')
    )
  }
  return (
    <span class='copy'>
      <button type='button' class='secondary' onClick={copy}>{label}</button>
      <span role='status' class='hint'>{state === 'copied' ? 'Copied' : state === 'failed' ? 'The browser refused the clipboard: select the text and copy it' : ''}</span>
    </span>
  )
}
