import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export interface Resource<T> {
  data: T | undefined
  error: Error | undefined
  loading: boolean
  reload: () => void
  /** Replaces the data in place, e.g. after a live event or a successful change. */
  update: (change: (data: T | undefined) => T | undefined) => void
}

/**
 * Loads data for a screen and reloads when `deps` change. The previous data stays on screen
 * while a reload runs, and an answer that arrives after a newer request started is dropped.
 */
export function useResource<T> (load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T, error?: Error, loading: boolean }>({ loading: true })
  const latest = useRef(0)
  const reload = useCallback(() => {
    const generation = ++latest.current
    setState((previous) => ({ ...previous, loading: true }))
    load().then(
      (data) => { if (generation === latest.current) setState({ data, loading: false }) },
      (error: Error) => { if (generation === latest.current) setState((previous) => ({ data: previous.data, error, loading: false })) }
    )
  }, deps)
  useEffect(reload, [reload])
  const update = useCallback((change: (data: T | undefined) => T | undefined) => {
    setState((previous) => ({ ...previous, data: change(previous.data) }))
  }, [])
  return { data: state.data, error: state.error, loading: state.loading, reload, update }
}
