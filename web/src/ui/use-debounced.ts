import { useEffect, useState } from 'preact/hooks'

/** `value`, once it has stopped changing for `ms` milliseconds (results as you type, one request per pause). */
export function useDebounced<T> (value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}
