import { api, call } from '../../api/client'
import { Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'

/** The AI providers: which answers, which are configured, and whether they answer. */
export function Providers () {
  const providers = useResource(async () => await call(api.GET('/api/ai/providers')), [])
  return (
    <section class='card' aria-labelledby='providers-title'>
      <h2 id='providers-title'>AI providers</h2>
      <Loaded resource={providers} what='the providers'>
        {(report) => (
          <table>
            <thead><tr><th>provider</th><th>state</th><th>model</th></tr></thead>
            <tbody>
              {report.providers.map((provider) => (
                <tr key={provider.name}>
                  <td>{provider.name}{provider.active && <span class='badge running'>active</span>}</td>
                  <td>
                    {!provider.configured ? <span class='badge'>not configured</span> : provider.reachable === false ? <span class='badge crashed'>unreachable</span> : <span class='badge up'>ready</span>}
                    {provider.detail && <p class='hint'>{provider.detail.replace(/^not configured: /, '')}</p>}
                  </td>
                  <td class='mono'>{provider.model ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  )
}
