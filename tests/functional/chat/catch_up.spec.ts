import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import { createTimeline } from '../../../resources/js/chat/timeline.js'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

type Sent = { id: number; content: string; clientKey: string | null; senderId: number }

/** One send through the API, as the chat page makes it. */
async function send(client: ApiClient, user: User, conversationId: number, content: string) {
  const response = await client
    .post(urlFor('api.messages.send'))
    .json({ conversation_id: conversationId, content, client_key: `key-${content}-${user.id}` })
    .loginAs(user)
    .withCsrfToken()
  response.assertStatus(201)
  return response.body().data as Sent
}

/** The history API after an id (what a reconnecting page asks for). */
async function after(client: ApiClient, user: User, conversationId: number, id: number) {
  const response = await client
    .get(urlFor('api.messages.index'))
    .qs({ conversation_id: conversationId, after: id })
    .loginAs(user)
  response.assertStatus(200)
  return response.body().data as Sent[]
}

test.group('Chat / catching up after a drop, while the page itself sent', (group) => {
  withRollback(group)

  test('the other sends m1, m2 while my stream is down and I send m3: the stream cursor gets exactly m1 and m2', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const id = cast.conversation.id
    const channel = `conversations/${id}`
    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD)

    // My page: rendered with no history, then live; the owner's first message comes by stream.
    const timeline = createTimeline([])
    const page = new SseSubscriber(session)
    assert.equal(await page.open(), 200)
    assert.equal(await page.subscribe(channel), 204)
    timeline.receive(await after(client, cast.client, id, timeline.cursor()), 'history')
    assert.isTrue(timeline.closeGap(timeline.gapEpoch()))
    const m0 = await send(client, cast.owner, id, 'm0')
    const live = await page.next(channel, (event) => event.type === 'message')
    timeline.receive([live.message], 'stream')
    assert.equal(timeline.cursor(), m0.id)

    // My stream drops; the owner sends m1 and m2; I send m3 (its POST answer reaches my page).
    page.close()
    timeline.openGap()
    const m1 = await send(client, cast.owner, id, 'm1')
    const m2 = await send(client, cast.owner, id, 'm2')
    const m3 = await send(client, cast.client, id, 'm3')
    timeline.receive([m3], 'sent')
    assert.equal(timeline.cursor(), m0.id, 'my own send does not move the cursor')

    // The old rule, "after the largest id on the page", would skip m1 and m2.
    const largestShown = Math.max(...timeline.ids())
    assert.deepEqual(await after(client, cast.client, id, largestShown), [])

    // Back: a new stream, subscribed before the catch-up; the catch-up asks after the cursor.
    const again = new SseSubscriber(session)
    cleanup(() => again.close())
    assert.equal(await again.open(), 200)
    assert.equal(await again.subscribe(channel), 204)
    const epoch = timeline.gapEpoch()
    const missed = await after(client, cast.client, id, timeline.cursor())
    assert.deepEqual(
      missed.map((message) => message.content),
      ['m1', 'm2', 'm3']
    )
    const { added } = timeline.receive(missed, 'history')
    assert.deepEqual(
      added.map(({ message }) => message.id),
      [m1.id, m2.id],
      'exactly the missed ones, once'
    )
    assert.isTrue(timeline.closeGap(epoch))
    assert.deepEqual(timeline.ids(), [m0.id, m1.id, m2.id, m3.id])
    assert.equal(timeline.cursor(), m3.id)

    // The owner's page, which never dropped, holds the same messages in the same order.
    const ownerTimeline = createTimeline([])
    ownerTimeline.receive(await after(client, cast.owner, id, 0), 'history')
    assert.deepEqual(ownerTimeline.ids(), timeline.ids())

    // What comes next arrives live, once.
    const m4 = await send(client, cast.owner, id, 'm4')
    const next = await again.next(channel, (event) => event.type === 'message')
    assert.equal(next.message.id, m4.id)
    assert.lengthOf(timeline.receive([next.message], 'stream').added, 1)
    assert.lengthOf(timeline.receive([m4], 'history').added, 0)
  })

  test('the stored copy carries the sender’s client key, so the page can match its pending bubble', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const sent = await send(client, cast.client, cast.conversation.id, 'hello')
    assert.equal(sent.clientKey, `key-hello-${cast.client.id}`)
    const [stored] = await after(client, cast.owner, cast.conversation.id, 0)
    assert.deepInclude(stored, { id: sent.id, clientKey: sent.clientKey })

    const timeline = createTimeline([])
    timeline.expect(sent.clientKey!)
    assert.deepEqual(timeline.receive([stored], 'history').confirmed, [sent.clientKey])
  })
})
