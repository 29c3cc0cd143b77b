import { useRef } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, call, type Schemas } from '../../api/client'
import { Markdown } from '../../ui/markdown'
import { Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { catalogPage, installPage } from '../../links'

type Briefing = Schemas['Briefing']

const today = () => new Date().toISOString().slice(0, 10)

function Sections ({ sections }: { sections: Briefing['sections'] }) {
  const unavailable = (section: { available: boolean, detail: string | null }) => !section.available && <p class='state error'>Not available: {section.detail}</p>
  return (
    <div class='briefing-sections'>
      <section class='card'>
        <h2>Your servers</h2>
        {unavailable(sections.installed_servers)}
        {sections.installed_servers.items.length === 0
          ? <p class='muted'>None installed.</p>
          : <ul class='plain'>{sections.installed_servers.items.map((server) => <li key={server.name}><a href={installPage(server.name)}>{server.title}</a> <span class={`badge ${server.state}`}>{server.state}</span></li>)}</ul>}
      </section>
      <section class='card'>
        <h2>Recommended</h2>
        {unavailable(sections.recommendations)}
        <ul class='plain'>{sections.recommendations.items.map((item) => <li key={item.name}><a href={catalogPage(item.name)}>{item.title}</a> <span class='hint'>{item.reason}</span></li>)}</ul>
      </section>
      <section class='card'>
        <h2>New in the catalog</h2>
        {unavailable(sections.catalog_updates)}
        {sections.catalog_updates.items.length === 0
          ? <p class='muted'>Nothing new{sections.catalog_updates.since ? ` since ${new Date(sections.catalog_updates.since).toLocaleDateString()}` : ''}.</p>
          : <ul class='plain'>{sections.catalog_updates.items.map((item) => <li key={item.name}><a href={catalogPage(item.name)}>{item.title}</a> <span class='badge'>{item.change}</span></li>)}</ul>}
      </section>
      <section class='card'>
        <h2>Recent conversations</h2>
        {unavailable(sections.recent_topics)}
        {sections.recent_topics.items.length === 0
          ? <p class='muted'>No conversations yet.</p>
          : <ul class='plain'>{sections.recent_topics.items.map((topic) => <li key={topic.conversation_id}><a href={`/chat/${topic.conversation_id}`}>{topic.title}</a></li>)}</ul>}
      </section>
    </div>
  )
}

/** Today's briefing (written once a day, refreshed on request), and earlier days by date. */
export function BriefingScreen ({ date }: { date?: string }) {
  useTitle('Briefing')
  const { route } = useLocation()
  // Set by the Refresh button for the next load only.
  const refresh = useRef(false)
  const isToday = date === undefined || date === today()
  const briefing = useResource(async () => {
    const rewrite = refresh.current
    refresh.current = false
    const answer = isToday
      ? await call(api.GET('/api/briefing/today', { params: { query: { refresh: rewrite } } }))
      : await call(api.GET('/api/briefing/{date}', { params: { path: { date } } }))
    return answer.briefing
  }, [date])

  return (
    <section aria-labelledby='briefing-title'>
      <div class='server-header'>
        <h1 id='briefing-title'>Briefing{isToday ? ' for today' : ` for ${date}`}</h1>
        <label class='inline' for='briefing-date'>
          Day
          <input
            id='briefing-date' type='date' max={today()} value={date ?? today()}
            onChange={(event) => { const value = event.currentTarget.value; if (value) route(value === today() ? '/briefing' : `/briefing/${value}`) }}
          />
        </label>
        {isToday && <button type='button' class='secondary' onClick={() => { refresh.current = true; briefing.reload() }} disabled={briefing.loading}>{briefing.loading ? 'Writing…' : 'Refresh'}</button>}
      </div>
      <Loaded resource={briefing} what='the briefing'>
        {(shown) => (
          <>
            <p class='hint'>Written {new Date(shown.generated_at).toLocaleString()} by {shown.provider} ({shown.model}){shown.note ? ` · ${shown.note}` : ''}</p>
            <article class='card briefing'><Markdown text={shown.content} /></article>
            <Sections sections={shown.sections} />
          </>
        )}
      </Loaded>
    </section>
  )
}
