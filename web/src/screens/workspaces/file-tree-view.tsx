import { useEffect, useState } from 'preact/hooks'
import { toTree, type Entries, type Node } from './file-tree'

interface Props {
  entries: Entries
  selected: string | undefined
  open: (path: string) => void
}

function Branch ({ nodes, selected, open, expanded, toggle }: { nodes: Node[], selected: string | undefined, open: (path: string) => void, expanded: Set<string>, toggle: (path: string) => void }) {
  return (
    <ul class='tree'>
      {nodes.map(({ entry, children }) => (
        <li key={entry.path}>
          {entry.type === 'directory'
            ? (
              <>
                <button type='button' class='tree-item folder' aria-expanded={expanded.has(entry.path)} onClick={() => toggle(entry.path)}>
                  {entry.name}/
                </button>
                {expanded.has(entry.path) && <Branch nodes={children} selected={selected} open={open} expanded={expanded} toggle={toggle} />}
              </>
              )
            : (
              <button type='button' class='tree-item file' aria-current={entry.path === selected ? 'true' : undefined} onClick={() => open(entry.path)}>
                {entry.name}{entry.type === 'symlink' ? ' →' : ''}
              </button>
              )}
        </li>
      ))}
    </ul>
  )
}

/** The workspace's files: folders open and close, a file opens in the editor. */
export function FileTreeView ({ entries, selected, open }: Props) {
  const [expanded, setExpanded] = useState(() => new Set<string>())
  const toggle = (path: string) => setExpanded((previous) => {
    const next = new Set(previous)
    if (next.has(path)) next.delete(path)
    else next.add(path)
    return next
  })
  // The open file's folders open with it (a file just created in a new folder, say).
  useEffect(() => {
    if (!selected?.includes('/')) return
    setExpanded((previous) => {
      const next = new Set(previous)
      const parts = selected.split('/')
      for (let depth = 1; depth < parts.length; depth++) next.add(parts.slice(0, depth).join('/'))
      return next
    })
  }, [selected])
  if (entries.size === 0) return <p class='muted'>No files yet.</p>
  return <nav aria-label='Files'><Branch nodes={toTree(entries)} selected={selected} open={open} expanded={expanded} toggle={toggle} /></nav>
}
