import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { withRollback } from '#tests/helpers/app'
import { ChatSender, LiveReceiver, inDatabase, seedConversationIn } from '#tests/helpers/live_chat'
import { payThroughEsewa } from '#tests/helpers/production_payments'
import { TestDevice } from '#tests/helpers/push_endpoint'
import { copyOf } from '#tests/helpers/sessions'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import { LoadBalancer } from '#tests/helpers/load_balancer'
import { TwoInstances, listener, postJson } from '#tests/helpers/two_instances'

type Cast = Awaited<ReturnType<typeof seedConversationIn>>

/** Percentile of a list of numbers (milliseconds). */
function percentile(values: number[], p: number) {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Arrival time of the message with `id` on `subscriber`, waiting for it. */
async function arrival(subscriber: SseSubscriber, channel: string, id: number) {
  await subscriber.next(channel, (payload) => payload?.message?.id === id)
  return subscriber.messages.find((entry) => entry.payload?.message?.id === id)!.receivedAt
}

function countOf(subscriber: SseSubscriber, channel: string, type: string) {
  return subscriber.messages.filter((m) => m.channel === channel && m.payload?.type === type).length
}

/**
 * Two production instances behind nginx, sharing PostgreSQL and Redis
 * (docs/deployment.md). Requests go through the balancer (round robin) or
 * straight to one instance, to make each exchange cross between them.
 */
test.group('Two instances / behind a load balancer', (group) => {
  withRollback(group)
  const cluster = new TwoInstances()
  let cast: Cast
  let client: HttpSession
  let owner: HttpSession

  group.setup(async () => {
    if (!LoadBalancer.available) throw new Error('nginx is missing: .ci/run installs nginx-light')
    await cluster.start()
    cast = await seedConversationIn(cluster.database.name)
    client = await HttpSession.loggedInAs(
      cast.client.email,
      TEST_PASSWORD,
      cluster.balancer.baseUrl
    )
    owner = await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD, cluster.balancer.baseUrl)
    return () => cluster.stop()
  })

  test('a session made through the balancer holds on both instances; requests are spread', async ({
    assert,
  }) => {
    for (const instance of [cluster.a, cluster.b]) {
      const page = await copyOf(client, instance.baseUrl).fetch(urlFor('client.home'))
      assert.equal(page.status, 200, instance.baseUrl)
    }
    const spread = await cluster.balancer.spread()
    assert.isAbove(spread.get(cluster.a.settings.port) ?? 0, 0)
    assert.isAbove(spread.get(cluster.b.settings.port) ?? 0, 0)
  })

  test('chat: messages, typing and read receipts reach streams on both instances', async ({
    assert,
  }) => {
    const { a, b, balancer } = cluster
    const channel = `conversations/${cast.conversationId}`
    // Each stream is subscribed through the instance that does not hold it.
    const ownerOnA = await listener(owner, a.baseUrl, b.baseUrl, [channel])
    const ownerOnB = await listener(owner, b.baseUrl, a.baseUrl, [channel])
    const clientThrough = await listener(client, balancer.baseUrl, balancer.baseUrl, [channel])
    const sender = new ChatSender(cast.conversationId)
    const sameInstance: number[] = []
    const otherInstance: number[] = []
    const clientOnA = copyOf(client, a.baseUrl)
    for (let index = 0; index < 40; index++) {
      const sentAt = performance.now()
      const id = await sender.send(clientOnA, `across ${index}`)
      sameInstance.push((await arrival(ownerOnA, channel, id)) - sentAt)
      otherInstance.push((await arrival(ownerOnB, channel, id)) - sentAt)
      await arrival(clientThrough, channel, id)
    }
    for (const subscriber of [ownerOnA, ownerOnB, clientThrough]) {
      assert.equal(countOf(subscriber, channel, 'message'), 40)
    }

    assert.equal(
      (
        await postJson(copyOf(owner, b.baseUrl), '/api/messages/typing', {
          conversation_id: cast.conversationId,
        })
      ).status,
      204
    )
    await clientThrough.next(channel, (payload) => payload?.type === 'typing')
    // The owner reads the client's messages through A: the receipt reaches B's stream.
    const read = await postJson(copyOf(owner, a.baseUrl), '/api/messages/read', {
      conversation_id: cast.conversationId,
    })
    assert.isBelow(read.status, 300)
    const receipt = await ownerOnB.next(channel, (payload) => payload?.type === 'read')
    assert.equal(receipt.readerId, cast.owner.id)
    await clientThrough.next(channel, (payload) => payload?.type === 'read')
    ;[ownerOnA, ownerOnB, clientThrough].forEach((subscriber) => subscriber.close())
    console.log(
      `send→receive over 40 messages sent to A: subscriber on A p50 ${percentile(sameInstance, 50).toFixed(1)} ms, p99 ${percentile(sameInstance, 99).toFixed(1)} ms; on B (through Redis) p50 ${percentile(otherInstance, 50).toFixed(1)} ms, p99 ${percentile(otherInstance, 99).toFixed(1)} ms`
    )
  }).timeout(60_000)

  test('a payment settled on B reaches the modal listening on A', async ({ assert }) => {
    const { a, b } = cluster
    const payer = await HttpSession.loggedInAs(
      cast.client.email,
      TEST_PASSWORD,
      cluster.balancer.baseUrl
    )
    const room = await inDatabase(cluster.database.name, (trx) =>
      RoomFactory.client(trx).merge({ ownerId: cast.owner.id }).create()
    )
    const successPath = await payThroughEsewa(payer, room.id)
    const transactionId = /esewa-success\/([^?/]+)/.exec(successPath)![1]
    const modal = await listener(payer, a.baseUrl, b.baseUrl, [`payments/${transactionId}`])
    const settled = await copyOf(payer, b.baseUrl).fetch(successPath)
    assert.oneOf(settled.status, [200, 302, 303])
    const update = await modal.next(`payments/${transactionId}`, (p) => p?.status === 'complete')
    assert.equal(update.type, 'payment.status')
    modal.close()
  }).timeout(60_000)

  test('a call rings on the other instance, and signals cross both ways', async ({ assert }) => {
    const { a, b } = cluster
    const callerStream = await listener(client, a.baseUrl, b.baseUrl, [`users/${cast.client.id}`])
    const calleeStream = await listener(owner, b.baseUrl, a.baseUrl, [`users/${cast.owner.id}`])
    const started = await postJson(copyOf(client, a.baseUrl), urlFor('calls.store'), {
      conversation_id: cast.conversationId,
    })
    assert.equal(started.status, 201)
    const callId = ((await started.json()) as { data: { id: number } }).data.id
    const ring = await calleeStream.next(
      `users/${cast.owner.id}`,
      (p) => p?.type === 'call.incoming'
    )
    assert.equal(ring.callId, callId)

    const callChannel = `calls/${callId}`
    const ownerSide = copyOf(owner, b.baseUrl)
    const clientSide = copyOf(client, a.baseUrl)
    for (const [session, subscriber] of [
      [ownerSide, calleeStream],
      [clientSide, callerStream],
    ] as const) {
      const other = session === ownerSide ? a.baseUrl : b.baseUrl
      assert.equal(
        await new SseSubscriber(copyOf(session, other), subscriber.uid).subscribe(callChannel),
        204
      )
    }
    assert.isBelow(
      (await postJson(ownerSide, urlFor('calls.accept', { id: callId }), {})).status,
      300
    )
    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }
    const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' }
    assert.equal(
      (await postJson(clientSide, urlFor('calls.signal', { id: callId }), { signal: offer }))
        .status,
      204
    )
    const offered = await calleeStream.next(callChannel, (p) => p?.type === 'signal')
    assert.deepEqual(offered.data, offer)
    assert.equal(
      (await postJson(ownerSide, urlFor('calls.signal', { id: callId }), { signal: answer }))
        .status,
      204
    )
    const answered = await callerStream.next(
      callChannel,
      (p) => p?.type === 'signal' && p.from === cast.owner.id
    )
    assert.deepEqual(answered.data, answer)
    await postJson(clientSide, urlFor('calls.hangup', { id: callId }), {})
    ;[callerStream, calleeStream].forEach((subscriber) => subscriber.close())
  }).timeout(60_000)

  test('push: each message notifies the owner’s device once, whichever instance works the job', async ({
    assert,
  }) => {
    const device = new TestDevice(cluster.push.endpoint())
    const registered = await postJson(owner, urlFor('push.subscriptions.store'), device.toJSON())
    assert.isBelow(registered.status, 300)
    const sender = new ChatSender(cast.conversationId)
    const contents = Array.from({ length: 8 }, (_, index) => `push ${index}`)
    for (const content of contents) await sender.send(client, content)
    const deadline = Date.now() + 20_000
    while (
      cluster.push.receivedBy(device.endpoint).length < contents.length &&
      Date.now() < deadline
    ) {
      await sleep(100)
    }
    await sleep(1500)
    const texts = cluster.push
      .receivedBy(device.endpoint)
      .map((push) => device.decrypt(push.body).toString())
    assert.lengthOf(texts, contents.length)
    for (const content of contents) {
      assert.lengthOf(
        texts.filter((text) => text.includes(content)),
        1,
        content
      )
    }
  }).timeout(60_000)

  test('rate limits are shared: 5 failed logins spread over both instances lock the account', async ({
    assert,
  }) => {
    const victim = await inDatabase(cluster.database.name, (trx) =>
      UserFactory.client(trx).create()
    )
    const instances = [cluster.a.baseUrl, cluster.b.baseUrl]
    for (let attempt = 0; attempt < 5; attempt++) {
      const failed = await attemptLogin(
        new HttpSession(instances[attempt % 2]),
        victim.email,
        'wrong'
      )
      assert.equal(failed.status, 302)
      assert.notInclude(
        ['/me', '/owner/rooms'],
        failed.headers.get('location') ?? '',
        `attempt ${attempt + 1}`
      )
    }
    for (const base of instances) {
      const locked = await attemptLogin(new HttpSession(base), victim.email, TEST_PASSWORD)
      assert.isAtLeast(Number(locked.headers.get('retry-after')), 800, base)
    }
  })

  test('the reconciler of both instances settles each stale payment once', async ({ assert }) => {
    const payer = await HttpSession.loggedInAs(
      cast.client.email,
      TEST_PASSWORD,
      cluster.balancer.baseUrl
    )
    const rooms = await inDatabase(cluster.database.name, (trx) =>
      RoomFactory.client(trx).merge({ ownerId: cast.owner.id }).createMany(3)
    )
    const transactionIds: string[] = []
    for (const room of rooms) {
      // Paid at eSewa, but the browser never came back: only the reconciler can settle it.
      const successPath = await payThroughEsewa(payer, room.id)
      transactionIds.push(/esewa-success\/([^?/]+)/.exec(successPath)![1])
    }
    const states = () =>
      inDatabase(cluster.database.name, async (trx) => {
        const { rows } = await trx.rawQuery(
          `SELECT p.status, (SELECT count(*)::int FROM payment_events e WHERE e.payment_id = p.id AND e.type = 'reconciled') AS reconciled
             FROM payments p WHERE p.transaction_id = ANY(?)`,
          [transactionIds]
        )
        return rows as { status: string; reconciled: number }[]
      })
    await inDatabase(cluster.database.name, (trx) =>
      trx.rawQuery(
        `UPDATE payments SET created_at = now() - interval '10 minutes', next_check_at = now()
          WHERE transaction_id = ANY(?)`,
        [transactionIds]
      )
    )
    const deadline = Date.now() + 30_000
    while ((await states()).some((row) => row.status !== 'complete') && Date.now() < deadline) {
      await sleep(250)
    }
    await sleep(2500)
    const settled = await states()
    assert.lengthOf(settled, 3)
    assert.deepEqual(
      settled.map((row) => row.status),
      ['complete', 'complete', 'complete']
    )
    assert.deepEqual(
      settled.map((row) => row.reconciled),
      [1, 1, 1]
    )
  }).timeout(60_000)

  test('rolling restart: A stops, traffic goes on through B, A comes back; nothing is lost', async ({
    assert,
  }) => {
    const { a, b, balancer } = cluster
    const onB = new LiveReceiver(copyOf(owner, b.baseUrl), cast.conversationId)
    const throughBalancer = new LiveReceiver(copyOf(owner, balancer.baseUrl), cast.conversationId)
    for (const receiver of [onB, throughBalancer]) {
      receiver.open()
      await receiver.waitUntilLive()
    }
    const sender = new ChatSender(cast.conversationId)
    let sending = true
    const sent: number[] = []
    const loop = (async () => {
      for (let index = 0; sending; index++) {
        sent.push(await sender.send(client, `rolling ${index}`))
        await sleep(20)
      }
    })()
    await sleep(500)
    const stopped = await a.stop('SIGTERM')
    assert.equal(stopped.code, 0)
    await sleep(1000)
    await a.start()
    await sleep(1000)
    sending = false
    await loop
    for (const receiver of [onB, throughBalancer]) {
      await receiver.waitUntilLive()
      assert.isTrue(await receiver.catchUp())
      const missing = sent.filter((id) => !receiver.seen.has(id))
      assert.deepEqual(missing, [], 'every acknowledged message reached the receiver')
      receiver.close()
    }
    assert.isAbove(sent.length, 20)
    const stored = await inDatabase(cluster.database.name, async (trx) => {
      const { rows } = await trx.rawQuery(
        `SELECT count(*)::int AS n, count(DISTINCT client_key)::int AS keys FROM messages WHERE content LIKE 'rolling %'`
      )
      return rows[0] as { n: number; keys: number }
    })
    assert.deepEqual(stored, { n: sent.length, keys: sent.length }, 'each message stored once')
    console.log(
      `rolling restart: ${sent.length} messages, ${sender.retries} sends retried, all received on B and through the balancer`
    )
  }).timeout(90_000)

  test('Redis goes away: a subscribe that needs it is 503 (the page retries it), then works again', async ({
    assert,
  }) => {
    const channel = `conversations/${cast.conversationId}`
    const stream = new SseSubscriber(copyOf(owner, cluster.a.baseUrl))
    assert.equal(await stream.open(), 200)
    const throughB = () =>
      new SseSubscriber(copyOf(owner, cluster.b.baseUrl), stream.uid).subscribe(channel)
    await cluster.redis.pause()
    await sleep(500)
    assert.equal(await throughB(), 503)
    // The instance holding the stream needs no Redis to subscribe it.
    assert.equal(
      await new SseSubscriber(copyOf(owner, cluster.a.baseUrl), stream.uid).subscribe(channel),
      204
    )
    await cluster.redis.resume()
    let status = 0
    const deadline = Date.now() + 15_000
    while (status !== 204 && Date.now() < deadline) {
      status = await throughB()
      if (status !== 204) await sleep(250)
    }
    assert.equal(status, 204, 'relayed again once Redis is back')
    stream.close()
  }).timeout(30_000)
})

/** One login form submission; the answer as it came (no redirect followed). */
async function attemptLogin(session: HttpSession, email: string, password: string) {
  const page = await session.fetch('/login')
  const csrf = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(await page.text())?.[1] ?? ''
  return session.fetch('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
}
