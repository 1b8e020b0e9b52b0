import { test } from '@japa/runner'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { ChatSender, LiveReceiver, seedConversationIn } from '#tests/helpers/live_chat'
import { type FreshDatabase, ProductionServer } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * A deploy (SIGTERM) and a crash (SIGKILL) of the real production server
 * while both people of a conversation have it open and keep writing:
 * nothing acknowledged is lost or stored twice, and both pages end up with
 * every message, live or through the catch-up after reconnecting.
 */
test.group('Restarts / nothing lost', (group) => {
  let database: FreshDatabase
  let server: ProductionServer
  let settings: ConstructorParameters<typeof ProductionServer>[0]

  group.setup(async () => {
    ;({ database, settings } = await prepareProduction({ SHUTDOWN_TIMEOUT_SECONDS: '8' }))
    server = new ProductionServer(settings)
    return async () => {
      await server.stop('SIGKILL')
      await database.drop()
    }
  })

  test('SIGTERM then SIGKILL mid-conversation: 0 lost, 0 duplicated, shutdown under 10 s (idle under 1 s)', async ({
    assert,
    cleanup,
  }) => {
    const cast = await seedConversationIn(database.name)
    await server.start()
    const sessions = [
      await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD, server.baseUrl),
      await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD, server.baseUrl),
    ]
    const receivers = sessions.map((session) => new LiveReceiver(session, cast.conversationId))
    cleanup(() => receivers.forEach((receiver) => receiver.close()))
    receivers.forEach((receiver) => receiver.open())
    await Promise.all(receivers.map((receiver) => receiver.waitUntilLive()))

    // Both people write in turns, one message every ~80 ms, whatever happens to the server.
    const sender = new ChatSender(cast.conversationId)
    let writing = true
    const conversation = (async () => {
      for (let index = 0; writing; index++) {
        await sender.send(sessions[index % 2], `message ${index}`)
        await sleep(80)
      }
    })()

    await sleep(1500)
    const deploy = await server.stop('SIGTERM')
    await server.start()
    await sleep(1500)
    const crash = await server.stop('SIGKILL')
    await server.start()
    await sleep(1500)
    writing = false
    await conversation

    // Both pages are live again; a last catch-up, as a page does after its reconnect.
    await Promise.all(receivers.map((receiver) => receiver.waitUntilLive(15_000)))
    await sleep(300)
    for (const receiver of receivers) assert.isTrue(await receiver.catchUp())

    const client = await database.client()
    cleanup(() => client.end())
    const stored = await client.query<{ client_key: string; copies: number; ids: number[] }>(
      `SELECT client_key, count(*)::int AS copies, array_agg(id::int) AS ids
         FROM messages WHERE conversation_id = $1 GROUP BY client_key`,
      [cast.conversationId]
    )
    const acknowledged = [...sender.acknowledged]
    const duplicated = stored.rows.filter((row) => row.copies > 1).length
    const lost = receivers.map(
      (receiver) => acknowledged.filter(([, id]) => !receiver.seen.has(id)).length
    )

    receivers.forEach((receiver) => receiver.close())
    const idle = await server.stop('SIGTERM')

    console.log(
      `restart test: ${acknowledged.length} messages acknowledged (${sender.retries} retried sends); ` +
        `lost client/owner ${lost.join('/')}, duplicated ${duplicated}; ` +
        `live ${receivers.map((r) => [...r.seen.values()].filter((how) => how === 'stream').length).join('/')}, ` +
        `caught up ${receivers.map((r) => [...r.seen.values()].filter((how) => how === 'catch-up').length).join('/')}; ` +
        `SIGTERM exit ${deploy.seconds.toFixed(3)} s with 2 streams open, idle ${idle.seconds.toFixed(3)} s`
    )

    assert.isAbove(acknowledged.length, 20)
    assert.deepEqual(lost, [0, 0])
    assert.equal(duplicated, 0)
    assert.equal(stored.rows.length, acknowledged.length)
    const storedIds = new Map(stored.rows.map((row) => [row.client_key, row.ids[0]]))
    for (const [clientKey, id] of acknowledged) assert.equal(storedIds.get(clientKey), id)

    assert.equal(deploy.code, 0)
    assert.equal(crash.signal, 'SIGKILL')
    assert.isBelow(deploy.seconds, 10)
    assert.equal(idle.code, 0)
    assert.isBelow(idle.seconds, 1)
  }).timeout(120_000)

  test('a request that never finishes holds the shutdown up SHUTDOWN_TIMEOUT_SECONDS at most', async ({
    assert,
  }) => {
    const bounded = new ProductionServer({ ...settings, env: { SHUTDOWN_TIMEOUT_SECONDS: '1' } })
    await bounded.start()
    // Headers started and never finished: a request in flight as far as the server knows.
    const stuck = connect(settings.port, '127.0.0.1')
    await new Promise((resolve) => stuck.once('connect', resolve))
    stuck.write('GET /health/live HTTP/1.1\r\nHost: kotha\r\n')
    const closed = new Promise((resolve) => stuck.once('close', resolve))
    await sleep(100)

    const exit = await bounded.stop('SIGTERM')
    await closed
    assert.isAtLeast(exit.seconds, 0.9)
    assert.isBelow(exit.seconds, 2.5)
    assert.include(bounded.output, 'closing the connections still open')
  }).timeout(30_000)
})
