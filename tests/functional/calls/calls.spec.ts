import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Call from '#models/call'
import Message from '#models/message'
import Payment from '#models/payment'
import { CallStatus } from '#calls/enums/call_status'
import { PaymentStatus } from '#payments/enums/payment_status'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import callsConfig from '#config/calls'
import { iceServersFor } from '#calls/turn_credentials'
import ExpireRingingCall from '#calls/actions/expire_ringing_call'
import { CallFactory } from '#database/factories/call_factory'
import db from '@adonisjs/lucid/services/db'
import jobsConfig from '#config/jobs'
import jobs from '#core/jobs/job_queue'
import { RING_TIMEOUT_QUEUE } from '#calls/ring_timeouts'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast, unlock } from '#tests/helpers/chat'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

const OFFER = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }

function call(client: ApiClient, user: User, conversationId: number) {
  return client
    .post(urlFor('calls.store'))
    .json({ conversation_id: conversationId })
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

function act(
  client: ApiClient,
  user: User | null,
  callId: number,
  action: 'accept' | 'decline' | 'hangup' | 'connected' | 'failed' | 'signal',
  body: object = {}
) {
  const request = client
    .post(urlFor(`calls.${action}`, { id: callId }))
    .json(body)
    .header('accept', 'application/json')
    .withCsrfToken()
  return user ? request.loginAs(user) : request
}

test.group('Calls / ringing, answering, ending', (group) => {
  withRollback(group)

  test('the client calls, the owner is told, answers, and the call ends with its duration in the chat', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const ownerStream = new SseSubscriber(
      await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD)
    )
    cleanup(() => ownerStream.close())
    await ownerStream.open()
    await ownerStream.subscribe(`users/${cast.owner.id}`)

    const started = await call(client, cast.client, cast.conversation.id)
    started.assertStatus(201)
    const callId = started.body().data.id
    assert.equal(started.body().data.status, CallStatus.Ringing)
    const ring = await ownerStream.next(
      `users/${cast.owner.id}`,
      (payload) => payload.type === 'call.incoming'
    )
    assert.deepInclude(ring, {
      callId,
      callerName: 'Asha',
      roomTitle: cast.room.title,
      url: urlFor('calls.show', { id: callId }),
    })

    // Only the person called answers.
    const notCallee = await act(client, cast.client, callId, 'accept')
    notCallee.assertStatus(403)
    notCallee.assertBodyContains({
      error: { code: 'E_NOT_CALLEE' },
    })
    ;(await act(client, cast.owner, callId, 'accept')).assertBodyContains({
      data: { status: 'accepted' },
    })
    ;(await act(client, cast.owner, callId, 'connected')).assertStatus(204)
    await Call.query()
      .where('id', callId)
      .update({ connectedAt: new Date(Date.now() - 252_000) })
    const ended = await act(client, cast.client, callId, 'hangup')
    ended.assertBodyContains({ data: { status: 'ended', durationSeconds: 252 } })

    const entry = await Message.findByOrFail('callId', callId)
    assert.equal(entry.content, 'Video call · 4 min 12 s')
    const page = await client
      .get(urlFor('chat.show', { id: cast.conversation.id }))
      .loginAs(cast.owner)
    page.assertTextIncludes('Video call · 4 min 12 s')
    // Over is over.
    ;(await act(client, cast.owner, callId, 'accept')).assertStatus(409)
  })

  test('declining, cancelling, and a ring that times out to missed', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const declined = (await call(client, cast.client, cast.conversation.id)).body().data.id
    ;(await act(client, cast.owner, declined, 'decline')).assertBodyContains({
      data: { status: 'rejected' },
    })

    const cancelled = (await call(client, cast.owner, cast.conversation.id)).body().data.id
    ;(await act(client, cast.owner, cancelled, 'hangup')).assertBodyContains({
      data: { status: 'cancelled' },
    })

    const seconds = callsConfig.ringTimeoutSeconds
    callsConfig.ringTimeoutSeconds = 1
    try {
      const missed = (await call(client, cast.client, cast.conversation.id)).body().data.id
      // The ring timeout is a durable job of the call's own commit, due after 1 s.
      const { rows } = await db.rawQuery(
        `SELECT id FROM ${jobsConfig.schema}.job WHERE name = ? AND data->>'callId' = ?`,
        [RING_TIMEOUT_QUEUE, String(missed)]
      )
      assert.lengthOf(rows, 1)
      // (The test's transaction keeps the database clock still: the job is run by hand once due.)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      assert.isAtLeast(await jobs.runNow(RING_TIMEOUT_QUEUE), 1)
      const state = await client.get(urlFor('calls.state', { id: missed })).loginAs(cast.client)
      state.assertBodyContains({ data: { status: 'missed' } })
      const entry = await Message.findByOrFail('callId', missed)
      assert.equal(entry.content, 'Missed call')
      assert.isNull(entry.readAt, 'a missed call stays unread for the person called')
    } finally {
      callsConfig.ringTimeoutSeconds = seconds
    }
    const entries = await Message.query()
      .where('conversationId', cast.conversation.id)
      .whereNotNull('callId')
      .orderBy('id')
    assert.deepEqual(
      entries.map((message) => message.content),
      ['Declined call', 'Cancelled call', 'Missed call']
    )
  })

  test('the sweep turns rings whose timer was lost into missed calls', async ({ assert }) => {
    const cast = await givenChatCast()
    const people = {
      conversationId: cast.conversation.id,
      callerId: cast.client.id,
      calleeId: cast.owner.id,
    }
    const lost = await CallFactory.merge(people).apply('stale').create()
    const fresh = await CallFactory.merge({
      conversationId: cast.otherConversation.id,
      callerId: cast.otherClient.id,
      calleeId: cast.owner.id,
    }).create()
    await new ExpireRingingCall().expireStale()
    assert.equal((await Call.findOrFail(lost.id)).status, CallStatus.Missed)
    assert.equal((await Message.findByOrFail('callId', lost.id)).content, 'Missed call')
    assert.equal((await Call.findOrFail(fresh.id)).status, CallStatus.Ringing)
  })

  test('a callee already in a call is busy', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const first = (await call(client, cast.otherClient, cast.otherConversation.id)).body().data.id
    ;(await act(client, cast.owner, first, 'accept')).assertStatus(200)

    const second = await call(client, cast.client, cast.conversation.id)
    second.assertStatus(201)
    second.assertBodyContains({ data: { status: 'busy' } })
    assert.equal(
      (await Message.findByOrFail('callId', second.body().data.id)).content,
      'Missed call (busy on another call)'
    )
    // And the caller cannot start a second call of their own while in one.
    const again = await call(client, cast.otherClient, cast.otherConversation.id)
    again.assertStatus(409)
    again.assertBodyContains({ error: { code: 'E_ALREADY_IN_CALL' } })
  })

  test('an answered call whose connection never came up is recorded as failed', async ({
    client,
  }) => {
    const cast = await givenChatCast()
    const id = (await call(client, cast.client, cast.conversation.id)).body().data.id
    await act(client, cast.owner, id, 'accept')
    ;(await act(client, cast.client, id, 'hangup')).assertBodyContains({
      data: { status: 'failed' },
    })
    const other = (await call(client, cast.client, cast.conversation.id)).body().data.id
    await act(client, cast.owner, other, 'accept')
    ;(await act(client, cast.owner, other, 'failed', { reason: 'ice failed' })).assertBodyContains({
      data: { status: 'failed' },
    })
  })
})

test.group('Calls / signalling and who may do what', (group) => {
  withRollback(group)

  test('a signal from one participant reaches the other over the call channel', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const id = (await call(client, cast.client, cast.conversation.id)).body().data.id
    const ownerPage = new SseSubscriber(
      await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD)
    )
    cleanup(() => ownerPage.close())
    await ownerPage.open()
    assert.equal(await ownerPage.subscribe(`calls/${id}`), 204)

    ;(await act(client, cast.client, id, 'signal', { signal: OFFER })).assertStatus(204)
    const relayed = await ownerPage.next(`calls/${id}`, (payload) => payload.type === 'signal')
    assert.deepEqual(relayed, { type: 'signal', id: relayed.id, from: cast.client.id, data: OFFER })

    ;(
      await act(client, cast.client, id, 'signal', {
        signal: { type: 'offer', sdp: 'x', script: '<b>' },
      })
    ).assertStatus(422)
    ;(await act(client, cast.client, id, 'signal', { signal: 'nope' })).assertStatus(422)
    ;(
      await act(client, cast.client, id, 'signal', {
        signal: { type: 'offer', sdp: 'x'.repeat(30_000) },
      })
    ).assertStatus(422)
  })

  test('a client who has not paid, another client, another owner and a visitor are refused everywhere', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const id = (await call(client, cast.client, cast.conversation.id)).body().data.id
    for (const intruder of [cast.unpaidClient, cast.otherClient, cast.otherOwner]) {
      ;(await call(client, intruder, cast.conversation.id)).assertStatus(403)
      for (const action of ['accept', 'decline', 'hangup', 'connected', 'failed'] as const) {
        ;(await act(client, intruder, id, action)).assertStatus(403)
      }
      ;(await act(client, intruder, id, 'signal', { signal: OFFER })).assertStatus(403)
      ;(await client.get(urlFor('calls.show', { id })).loginAs(intruder)).assertStatus(403)
      const state = await client.get(urlFor('calls.state', { id })).loginAs(intruder)
      state.assertStatus(403)
      state.assertBodyContains({
        error: { code: 'E_CALL_FORBIDDEN' },
      })
      const stream = new SseSubscriber(await HttpSession.loggedInAs(intruder.email, TEST_PASSWORD))
      cleanup(() => stream.close())
      await stream.open()
      assert.equal(await stream.subscribe(`calls/${id}`), 400)
    }
    const stranger = await call(client, cast.otherOwner, cast.conversation.id)
    stranger.assertBodyContains({
      error: { code: 'E_CALL_FORBIDDEN' },
    })
    const unknown = await client.get(urlFor('calls.state', { id: id + 1000 })).loginAs(cast.client)
    unknown.assertStatus(404)
    unknown.assertBodyContains({ error: { code: 'E_NOT_FOUND' } })
    ;(await act(client, null, id, 'signal', { signal: OFFER })).assertStatus(401)
    ;(await act(client, null, id, 'accept')).assertStatus(401)
    ;(await client.get(urlFor('calls.show', { id })).redirects(0)).assertHeader(
      'location',
      urlFor('session.create')
    )
    assert.equal((await Call.findOrFail(id)).status, CallStatus.Ringing)
  })

  test('a refunded unlock stops calls and signals', async ({ client }) => {
    const cast = await givenChatCast()
    const id = (await call(client, cast.client, cast.conversation.id)).body().data.id
    await Payment.query().where('id', cast.payment.id).update({ status: PaymentStatus.Refunded })
    const closed = { error: { code: 'E_UNLOCK_REVOKED' } }
    for (const refused of [
      await act(client, cast.client, id, 'signal', { signal: OFFER }),
      await act(client, cast.owner, id, 'accept'),
      await call(client, cast.client, cast.conversation.id),
    ]) {
      refused.assertStatus(403)
      refused.assertBodyContains(closed)
    }
  })

  test('ICE servers: configured ones, and TURN credentials made from the shared secret', async ({
    assert,
  }) => {
    const cast = await givenChatCast()
    const saved = { ...callsConfig }
    Object.assign(callsConfig, {
      iceServers: [{ urls: 'stun:stun.kotha.example:3478' }],
      turnUrls: ['turn:turn.kotha.example:3478'],
      turnSecret: 's3cret',
      turnTtlSeconds: 600,
    })
    try {
      const servers = iceServersFor(cast.client)
      assert.deepEqual(servers[0], { urls: 'stun:stun.kotha.example:3478' })
      const [expiry, who] = servers[1].username!.split(':')
      assert.closeTo(Number(expiry), Math.floor(Date.now() / 1000) + 600, 5)
      assert.equal(who, `kotha-${cast.client.id}`)
      const { createHmac } = await import('node:crypto')
      assert.equal(
        servers[1].credential,
        createHmac('sha1', 's3cret').update(servers[1].username!).digest('base64')
      )
    } finally {
      Object.assign(callsConfig, saved)
    }
    assert.deepEqual(iceServersFor(cast.client), [])
  })

  test('the owner can call back; the call page shows the other person', async ({ client }) => {
    const cast = await givenChatCast()
    const { conversation } = await unlock(cast.unpaidClient, cast.room)
    const id = (await call(client, cast.owner, conversation.id)).body().data.id
    const page = await client.get(urlFor('calls.show', { id })).loginAs(cast.unpaidClient)
    page.assertStatus(200)
    page.assertTextIncludes('data-role="callee"')
    page.assertTextIncludes(cast.owner.fullName)
  })
})
