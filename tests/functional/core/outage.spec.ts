import { test } from '@japa/runner'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { DatabaseProxy } from '#tests/helpers/database_proxy'
import { ChatSender, LiveReceiver, seedConversationIn } from '#tests/helpers/live_chat'
import { type FreshDatabase, ProductionServer } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * The production server in a child process, its database behind a relay
 * the tests cut and restore: an outage for that server only.
 */
test.group('Outages / the database is unreachable', (group) => {
  let database: FreshDatabase
  let proxy: DatabaseProxy
  let server: ProductionServer
  let cast: Awaited<ReturnType<typeof seedConversationIn>>

  group.setup(async () => {
    const prepared = await prepareProduction()
    const { dbServer, settings } = prepared
    database = prepared.database
    cast = await seedConversationIn(database.name)
    proxy = await new DatabaseProxy(dbServer).start()
    server = new ProductionServer({
      ...settings,
      database: {
        name: database.name,
        server: { ...dbServer, host: '127.0.0.1', port: proxy.port },
      },
    })
    await server.start()
    return async () => {
      await server.stop('SIGKILL')
      await proxy.close()
      await database.drop()
    }
  })

  group.each.teardown(async () => {
    await proxy.restore().catch(() => {})
  })

  test('health: /health/live and /health/ready answer 200, with no session or cookie', async ({
    assert,
  }) => {
    for (const path of ['/health/live', '/health/ready']) {
      const response = await fetch(server.baseUrl + path)
      assert.equal(response.status, 200, path)
      assert.deepEqual(response.headers.getSetCookie(), [], path)
      assert.equal((await response.json()).status, 'ok', path)
    }
  })

  test('API calls answer 503 with Retry-After and the JSON error shape, pages a plain 503 page', async ({
    assert,
  }) => {
    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD, server.baseUrl)
    await proxy.cut()

    const api = await fetch(`${server.baseUrl}/api/rooms`)
    assert.equal(api.status, 503)
    assert.equal(api.headers.get('retry-after'), '5')
    assert.deepEqual(await api.json(), {
      error: {
        status: 503,
        code: 'E_SERVICE_UNAVAILABLE',
        message: 'Kotha is briefly unavailable. Please try again in a few seconds.',
      },
    })

    const send = await session.fetch('/api/messages/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ conversation_id: cast.conversationId, content: 'hello?' }),
    })
    assert.equal(send.status, 503)
    assert.equal((await send.json()).error.code, 'E_SERVICE_UNAVAILABLE')

    for (const path of ['/', `/rooms/${cast.room.id}`, '/conversations']) {
      const page = await session.fetch(path, { headers: { accept: 'text/html' } })
      assert.equal(page.status, 503, path)
      assert.equal(page.headers.get('retry-after'), '5', path)
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/, path)
      assert.include(await page.text(), 'Kotha is briefly unavailable', path)
    }

    await proxy.restore()
    assert.equal((await fetch(`${server.baseUrl}/api/rooms`)).status, 200)
  })

  test('/health/ready answers 503 fast while the database is down; /health/live stays 200', async ({
    assert,
  }) => {
    await proxy.cut()
    const startedAt = Date.now()
    const ready = await fetch(`${server.baseUrl}/health/ready`)
    assert.isBelow(Date.now() - startedAt, 2500)
    assert.equal(ready.status, 503)
    const report = await ready.json()
    assert.equal(report.status, 'error')
    assert.equal(report.checks.find((check: any) => check.name === 'Database').status, 'error')
    assert.equal((await fetch(`${server.baseUrl}/health/live`)).status, 200)

    await proxy.restore()
    assert.equal((await fetch(`${server.baseUrl}/health/ready`)).status, 200)
  })

  test('the live stream answers 200 with a retry: line, so browsers come back with the database', async ({
    assert,
    cleanup,
  }) => {
    const clientSession = await HttpSession.loggedInAs(
      cast.client.email,
      TEST_PASSWORD,
      server.baseUrl
    )
    const ownerSession = await HttpSession.loggedInAs(
      cast.owner.email,
      TEST_PASSWORD,
      server.baseUrl
    )
    await proxy.cut()

    const stream = await clientSession.fetch('/__transmit/events?uid=during-the-outage')
    assert.equal(stream.status, 200)
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/)
    // The whole body arrives and the stream ends: the EventSource reconnects after `retry`.
    assert.match(await stream.text(), /^retry: \d+$/m)

    // A page's EventSource, opened during the outage, keeps trying and is live once the database is back.
    const receiver = new LiveReceiver(clientSession, cast.conversationId)
    cleanup(() => receiver.close())
    receiver.open()
    while (receiver.opens === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    assert.isFalse(receiver.live)
    await proxy.restore()
    await receiver.waitUntilLive(12_000)
    assert.isAtLeast(receiver.opens, 2)

    const id = await new ChatSender(cast.conversationId).send(ownerSession, 'back again')
    const deadline = Date.now() + 3000
    while (!receiver.seen.has(id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.equal(receiver.seen.get(id), 'stream')
  }).timeout(30_000)
})
