import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import webpush from 'web-push'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { ChatSender, seedConversationIn } from '#tests/helpers/live_chat'
import { type FreshDatabase, ProductionServer } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { FakePushService, TestDevice } from '#tests/helpers/push_endpoint'
import { HttpSession } from '#tests/helpers/sse_client'

const CONVERSATIONS = 5
const MESSAGES_EACH = 20

/**
 * Push notifications are durable jobs: kill -9 the production server in
 * the middle of a burst, start it again, and every notification reaches
 * its device; one that was in flight at the kill may be handed to the push
 * service again, under the same id, which the device shows once.
 */
test.group('Jobs / a killed server delivers every notification once restarted', (group) => {
  let database: FreshDatabase
  let server: ProductionServer
  let service: FakePushService

  group.setup(async () => {
    service = await FakePushService.start()
    const vapid = webpush.generateVAPIDKeys()
    const prepared = await prepareProduction({
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      JOBS_SUPERVISE_SECONDS: '2',
      LOG_LEVEL: 'warn',
      // The push service is this test's, on 127.0.0.1 over http.
      PUSH_ALLOW_LOCAL_ENDPOINTS: 'true',
    })
    database = prepared.database
    const settings = prepared.settings
    server = new ProductionServer(settings)
    return async () => {
      await server.stop('SIGKILL')
      await service.close()
      await database.drop()
    }
  })

  test('kill -9 during a burst of 100 notifications: all 100 delivered, each shown once', async ({
    assert,
  }) => {
    const devices = new Map<string, TestDevice>()
    const casts = []
    for (let index = 0; index < CONVERSATIONS; index++) {
      const cast = await seedConversationIn(database.name)
      const device = new TestDevice(service.endpoint())
      await subscribe(database, cast.owner.id, device)
      devices.set(new URL(device.endpoint).pathname, device)
      casts.push(cast)
    }
    service.answerDelayMs = 120
    await server.start()
    const sessions = await Promise.all(
      casts.map((cast) => HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD, server.baseUrl))
    )

    // Each client writes to their owner; the owners' devices are notified of every message.
    const senders = casts.map((cast) => new ChatSender(cast.conversationId))
    const sending = Promise.all(
      senders.map(async (sender, index) => {
        for (let count = 0; count < MESSAGES_EACH; count++) {
          await sender.send(sessions[index], `message ${count + 1} of client ${index + 1}`, 60_000)
        }
      })
    )
    await until(() => service.received.length >= 25, 30_000)
    const killed = await server.stop('SIGKILL')
    const receivedAtKill = service.received.length
    await server.start()
    await sending
    const total = CONVERSATIONS * MESSAGES_EACH
    await until(() => shownOnce(service, devices).size >= total, 60_000)
    // The jobs that were running at the kill are retried once their heartbeat lapses: wait for them.
    const unfinished = await waitForJobsToSettle(database, 60_000)
    const recurring = await scheduledRuns(database)

    const shown = shownOnce(service, devices)
    const acknowledged = senders.flatMap((sender) => [...sender.acknowledged.values()])
    const report = {
      killedBy: killed.signal,
      receivedAtKill,
      pushRequests: service.received.length,
      distinctNotifications: shown.size,
      handedOverAgain: service.received.length - shown.size,
      unfinishedJobs: unfinished,
    }
    console.log('jobs after kill -9:', JSON.stringify(report))
    assert.equal(killed.signal, 'SIGKILL')
    assert.equal(unfinished, 0)
    // Each start scheduled the next reconciler run and stale-ring sweep under the slot's key.
    assert.deepEqual(recurring, { 'calls.expire_stale': 1, 'payments.reconcile': 1 })
    assert.isBelow(receivedAtKill, total, 'the kill came in the middle of the burst')
    assert.lengthOf(acknowledged, total)
    assert.equal(shown.size, total, 'every message was notified')
    assert.sameMembers(
      [...shown.keys()],
      acknowledged.map((id) => `message:${id}`)
    )
    // Only what was in flight at the kill may be handed over twice (same id: shown once).
    assert.isAtMost(report.handedOverAgain, 16)
  }).timeout(180_000)
})

/** A device subscription stored straight into the child's database. */
async function subscribe(database: FreshDatabase, userId: number, device: TestDevice) {
  const client = await database.client()
  try {
    const { keys } = device.toJSON()
    await client.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, public_key, auth_secret, created_at, updated_at)
       VALUES ($1, $2, $3, $4, now(), now())`,
      [userId, device.endpoint, keys.p256dh, keys.auth]
    )
  } finally {
    await client.end()
  }
}

/**
 * The notifications a device would show: one per payload id (the service
 * worker skips an id it already shows), keyed by the message they announce.
 */
function shownOnce(service: FakePushService, devices: Map<string, TestDevice>) {
  const shown = new Map<string, number>()
  for (const request of service.received) {
    const device = devices.get(request.path)
    if (!device) continue
    const payload = JSON.parse(device.decrypt(request.body).toString())
    // "message:<id>:<created at>:user:<owner>"
    const key = `message:${String(payload.id).split(':')[1]}`
    shown.set(key, (shown.get(key) ?? 0) + 1)
  }
  return shown
}

/** Recurring jobs waiting for their slot, per queue. */
async function scheduledRuns(database: FreshDatabase) {
  const client = await database.client()
  try {
    const { rows } = await client.query(
      `SELECT name, count(*)::int AS count FROM pgboss.job
       WHERE name IN ('payments.reconcile', 'calls.expire_stale') AND state = 'created'
       GROUP BY name ORDER BY name`
    )
    return Object.fromEntries(rows.map((row) => [row.name, row.count]))
  } finally {
    await client.end()
  }
}

/** Waits until no push job is waiting or running; returns how many still are. */
async function waitForJobsToSettle(database: FreshDatabase, timeoutMs: number) {
  const client = await database.client()
  try {
    const deadline = Date.now() + timeoutMs
    while (true) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS count FROM pgboss.job
         WHERE name = 'push.deliver' AND state IN ('created', 'retry', 'active')`
      )
      if (rows[0].count === 0 || Date.now() > deadline) return rows[0].count as number
      await sleep(200)
    }
  } finally {
    await client.end()
  }
}

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await sleep(50)
  if (!condition()) throw new Error(`condition not met within ${timeoutMs} ms`)
}
