import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { shutdownState } from '#core/http/graceful_shutdown'
import { HttpSession } from '#tests/helpers/sse_client'

test.group('Health / probes for load balancers', () => {
  test('the probes are named routes', ({ assert }) => {
    assert.equal(router.urlBuilder.urlFor('health.live'), '/health/live')
    assert.equal(router.urlBuilder.urlFor('health.ready'), '/health/ready')
  })

  test('/health/live answers 200 without a session, a CSRF cookie or a user lookup', async ({
    assert,
  }) => {
    const response = await new HttpSession().fetch('/health/live', {
      headers: { cookie: 'adonis-session=not-a-session' },
    })
    assert.equal(response.status, 200)
    assert.deepEqual(response.headers.getSetCookie(), [])
    assert.equal(response.headers.get('cache-control'), 'no-store')
    assert.equal((await response.json()).status, 'ok')
  })

  test('/health/ready checks the database, and answers 503 once the process is shutting down', async ({
    assert,
    cleanup,
  }) => {
    const ready = await new HttpSession().fetch('/health/ready')
    assert.equal(ready.status, 200)
    assert.deepEqual(ready.headers.getSetCookie(), [])
    const healthy = await ready.json()
    assert.equal(healthy.status, 'ok')
    assert.deepInclude(healthy.checks, { name: 'Shutdown', status: 'ok', message: 'Serving' })
    assert.deepInclude(healthy.checks, {
      name: 'Database',
      status: 'ok',
      message: 'Successfully connected to the database server',
    })

    shutdownState.draining = true
    cleanup(() => {
      shutdownState.draining = false
    })
    const draining = await new HttpSession().fetch('/health/ready')
    assert.equal(draining.status, 503)
    const report = await draining.json()
    assert.equal(report.status, 'error')
    assert.deepInclude(report.checks, {
      name: 'Shutdown',
      status: 'error',
      message: 'Shutting down',
    })
    assert.equal((await new HttpSession().fetch('/health/live')).status, 200)
  })

  test('while shutting down, a new live stream is told to retry elsewhere and ends', async ({
    assert,
    cleanup,
  }) => {
    shutdownState.draining = true
    cleanup(() => {
      shutdownState.draining = false
    })
    const stream = await new HttpSession().fetch('/__transmit/events?uid=late-comer')
    assert.equal(stream.status, 200)
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/)
    assert.match(await stream.text(), /^retry: \d+$/m)
  })
})
