import { useEffect } from 'preact/hooks'

/** The tab's title names the screen. */
export function useTitle (screen: string): void {
  useEffect(() => { document.title = `${screen} · Podplay Sanctuary` }, [screen])
}
