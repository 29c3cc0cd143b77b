import t from 'tap'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import { build, listen, once, socketClient, tokenFor } from '../helper.js'

t.test('/metrics is valid Prometheus exposition and moves with traffic', async (t) => {
  const { app, auth, adminToken } = await build(t)
  const scrape = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: auth() })
    t.equal(response.statusCode, 200)
    t.match(response.headers['content-type'], /^text\/plain/)
    return new Map(parsePrometheusTextFormat(response.payload).map((family) => [family.name, family]))
  }
  const before = await scrape()
  t.ok(before.get('process_cpu_user_seconds_total'), 'default process metrics')
  t.ok(before.get('nodejs_eventloop_lag_seconds'))
  t.equal(before.get('podplay_connected_clients')?.type, 'GAUGE')

  for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/api/auth/tokens/', headers: auth() })
  for (const probe of ['/health', '/health/live', '/health/ready']) await app.inject({ method: 'GET', url: probe })
  await app.inject({ method: 'DELETE', url: '/api/auth/tokens/some-id', headers: auth() })

  const url = await listen(app)
  const socket = socketClient(t, url, adminToken)
  await once(socket, 'connected')
  socket.emit('test_event', 1)
  await once(socket, 'test_response')

  const after = await scrape()
  t.equal(after.get('podplay_http_request_duration_seconds')?.type, 'HISTOGRAM')
  // The text parser above proves the exposition is well-formed; per-series values are read from
  // prom-client's own structured view, since the parser folds a labelled histogram into one series.
  const http = await app.metrics.registry.getSingleMetric('podplay_http_request_duration_seconds')!.get()
  const counts = http.values.filter((sample) => (sample as { metricName?: string }).metricName === 'podplay_http_request_duration_seconds_count')
  t.equal(counts.find((sample) => sample.labels.route === '/api/auth/tokens' && sample.labels.method === 'GET')?.value, 3, 'labelled by the route pattern')
  t.ok(counts.find((sample) => sample.labels.route === '/api/auth/tokens/:id' && sample.labels.status === '404'), 'not by the raw URL')
  t.notOk(counts.some((sample) => String(sample.labels.route).includes('some-id')))
  t.notOk(counts.some((sample) => String(sample.labels.route).startsWith('/health')), 'health probes are not timed')

  const chat = await app.inject({ method: 'POST', url: '/api/chat', headers: auth(), payload: { message: 'Hello Mama Bear' } })
  t.equal(chat.statusCode, 200)
  const generations = await app.metrics.registry.getSingleMetric('podplay_chat_generation_seconds')!.get()
  t.equal(generations.values.find((sample) => (sample as { metricName?: string }).metricName === 'podplay_chat_generation_seconds_count' && sample.labels.provider === 'embedded')?.value, 1, 'chat latency per provider')

  const events = after.get('podplay_socket_events_total')?.metrics ?? []
  t.equal(events.find((sample) => sample.labels?.event === 'test_event')?.value, '1')
  t.equal(events.find((sample) => sample.labels?.event === 'test_response' && sample.labels?.direction === 'out')?.value, '1')
  t.equal(after.get('podplay_connected_clients')?.metrics[0].value, '1')
  t.equal(after.get('podplay_users_online')?.metrics[0].value, '1')
})

t.test('/metrics needs a token unless configured public', async (t) => {
  const { app } = await build(t)
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401)
  const reader = await tokenFor(app, 'prometheus', ['read'])
  t.equal((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${reader}` } })).statusCode, 200)

  const { app: open } = await build(t, { PODPLAY_METRICS_PUBLIC: 'true' })
  t.equal((await open.inject({ method: 'GET', url: '/metrics' })).statusCode, 200)
})
