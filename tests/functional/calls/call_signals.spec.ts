import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import CallSignal from '#models/call_signal'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

const OFFER = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' }
const CANDIDATE = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' } }
const ANSWER = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' }

/** A ringing call from the client to the owner; returns its id. */
async function ringingCall(client: ApiClient, caller: User, conversationId: number) {
  const response = await client
    .post(urlFor('calls.store'))
    .json({ conversation_id: conversationId })
    .header('accept', 'application/json')
    .loginAs(caller)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().data.id as number
}

function signal(client: ApiClient, user: User, id: number, data: object) {
  return client
    .post(urlFor('calls.signal', { id }))
    .json({ signal: data })
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

function signalsAfter(client: ApiClient, user: User | null, id: number, after: number | string) {
  const request = client
    .get(urlFor('calls.signals', { id }))
    .qs({ after })
    .header('accept', 'application/json')
  return user ? request.loginAs(user) : request
}

test.group('Calls / signals missed while a stream was down', (group) => {
  withRollback(group)

  test('the callee’s page, back from a drop, fetches the signals it missed, in order, once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const id = await ringingCall(client, cast.client, cast.conversation.id)
    const ownerSession = await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD)
    const ownerPage = new SseSubscriber(ownerSession)
    cleanup(() => ownerPage.close())
    await ownerPage.open()
    assert.equal(await ownerPage.subscribe(`calls/${id}`), 204)

    // The first signal arrives live, with its id: the page's cursor.
    ;(await signal(client, cast.client, id, OFFER)).assertStatus(204)
    const live = await ownerPage.next(`calls/${id}`, (payload) => payload.type === 'signal')
    assert.deepEqual(live, { type: 'signal', id: live.id, from: cast.client.id, data: OFFER })
    const cursor = live.id as number

    // The owner's stream drops; the client keeps signalling; the owner answers too.
    ownerPage.close()
    ;(await signal(client, cast.client, id, CANDIDATE)).assertStatus(204)
    ;(await signal(client, cast.owner, id, ANSWER)).assertStatus(204)
    ;(await signal(client, cast.client, id, { ...CANDIDATE, renegotiate: true })).assertStatus(204)

    const missed = await signalsAfter(client, cast.owner, id, cursor)
    missed.assertStatus(200)
    const { data, meta } = missed.body()
    assert.deepEqual(
      data.map((entry: { data: object }) => entry.data),
      [CANDIDATE, { ...CANDIDATE, renegotiate: true }],
      'only the other side’s signals, oldest first'
    )
    assert.isFalse(meta.hasMore)
    for (const entry of data) assert.deepInclude(entry, { type: 'signal', from: cast.client.id })
    assert.isAbove(data[0].id, cursor)
    assert.isAbove(data[1].id, data[0].id)
    assert.deepEqual((await signalsAfter(client, cast.owner, id, data[1].id)).body().data, [])

    // The caller's page gets the owner's answer the same way, never its own signals.
    const forCaller = (await signalsAfter(client, cast.client, id, 0)).body().data
    assert.deepEqual(
      forCaller.map((entry: { data: object; from: number }) => [entry.from, entry.data]),
      [[cast.owner.id, ANSWER]]
    )
    assert.lengthOf(await CallSignal.query().where('callId', id), 4)

    // A reloaded call page starts its cursor after what is already there.
    const page = await client.get(urlFor('calls.show', { id })).loginAs(cast.owner)
    page.assertTextIncludes(`data-last-signal-id="${data[1].id}"`)
  })

  test('only the two participants may read a call’s signals', async ({ client }) => {
    const cast = await givenChatCast()
    const id = await ringingCall(client, cast.client, cast.conversation.id)
    ;(await signal(client, cast.client, id, OFFER)).assertStatus(204)

    for (const intruder of [cast.unpaidClient, cast.otherClient, cast.otherOwner]) {
      const refused = await signalsAfter(client, intruder, id, 0)
      refused.assertStatus(403)
      refused.assertBodyContains({ error: { status: 403, code: 'E_CALL_FORBIDDEN' } })
      refused.assertBodyNotContains({ data: [{ data: OFFER }] })
    }
    const unknown = await signalsAfter(client, cast.owner, id + 1000, 0)
    unknown.assertStatus(404)
    unknown.assertBodyContains({ error: { code: 'E_NOT_FOUND' } })
    ;(await signalsAfter(client, null, id, 0)).assertStatus(401)
    const invalid = await signalsAfter(client, cast.owner, id, 'x')
    invalid.assertStatus(422)
    invalid.assertBodyContains({ error: { code: 'E_VALIDATION_ERROR' } })
  })
})
