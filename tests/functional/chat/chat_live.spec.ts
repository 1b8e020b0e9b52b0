import { test } from '@japa/runner'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import SendMessage from '#chat/actions/send_message'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'

test.group('Chat / live over real server-sent events', (group) => {
  withRollback(group)

  test('the owner’s open chat receives the client’s message as it is sent', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const channel = `conversations/${cast.conversation.id}`
    const ownerPage = new SseSubscriber(
      await HttpSession.loggedInAs(cast.owner.email, TEST_PASSWORD)
    )
    cleanup(() => ownerPage.close())
    assert.equal(await ownerPage.open(), 200)
    assert.equal(await ownerPage.subscribe(channel), 204)
    assert.equal(await ownerPage.subscribe(`users/${cast.owner.id}`), 204)

    const sent = await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: 'Is there hot water?' })
      .loginAs(cast.client)
      .withCsrfToken()
    const event = await ownerPage.next(channel, (payload) => payload.type === 'message')
    assert.deepInclude(event.message, {
      id: sent.body().data.id,
      content: 'Is there hot water?',
      senderId: cast.client.id,
    })
    const badge = await ownerPage.next(
      `users/${cast.owner.id}`,
      (payload) => payload.type === 'unread'
    )
    assert.deepInclude(badge, {
      total: 1,
      conversationId: cast.conversation.id,
      conversationUnread: 1,
    })
    const news = await ownerPage.next(
      `users/${cast.owner.id}`,
      (payload) => payload.type === 'message.new'
    )
    assert.deepInclude(news, { senderName: 'Asha', preview: 'Is there hot water?' })

    // Typing and the read receipt go to the other side.
    await client
      .post('/api/messages/typing/')
      .json({ conversation_id: cast.conversation.id })
      .loginAs(cast.client)
      .withCsrfToken()
    assert.deepInclude(await ownerPage.next(channel, (payload) => payload.type === 'typing'), {
      userId: cast.client.id,
    })
    await client
      .post('/api/messages/read/')
      .json({ conversation_id: cast.conversation.id })
      .loginAs(cast.owner)
      .withCsrfToken()
    assert.deepInclude(await ownerPage.next(channel, (payload) => payload.type === 'read'), {
      readerId: cast.owner.id,
      upToId: sent.body().data.id,
    })
  })

  test('a page that lost its connection gets exactly the messages it missed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const channel = `conversations/${cast.conversation.id}`
    const chat = new SendMessage()
    const before = await chat.handle(cast.owner, cast.conversation, { content: 'before the drop' })

    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD)
    const page = new SseSubscriber(session)
    await page.open()
    await page.subscribe(channel)
    const lastSeen = before.id
    page.close()

    // While the page is offline, three messages arrive.
    for (const content of ['one', 'two', 'three'])
      await chat.handle(cast.owner, cast.conversation, { content })

    // Reconnected: a new stream, and the page asks for what came after its last id.
    const again = new SseSubscriber(session)
    cleanup(() => again.close())
    assert.equal(await again.open(), 200)
    assert.equal(await again.subscribe(channel), 204)
    const missed = await client
      .get('/api/messages/')
      .qs({ conversation_id: cast.conversation.id, after: lastSeen })
      .loginAs(cast.client)
    assert.deepEqual(
      missed.body().data.map((message: { content: string }) => message.content),
      ['one', 'two', 'three']
    )
    assert.equal(missed.body().meta.order, 'oldest_first')

    // And what comes next arrives live, once.
    await chat.handle(cast.owner, cast.conversation, { content: 'four' })
    await again.next(
      channel,
      (payload) => payload.type === 'message' && payload.message.content === 'four'
    )
    assert.lengthOf(
      again.messages.filter((message) => message.payload.type === 'message'),
      1
    )
  })

  test('only the two participants may listen to a conversation', async ({ assert, cleanup }) => {
    const cast = await givenChatCast()
    const channel = `conversations/${cast.conversation.id}`
    for (const intruder of [cast.unpaidClient, cast.otherClient, cast.otherOwner]) {
      const stream = new SseSubscriber(await HttpSession.loggedInAs(intruder.email, TEST_PASSWORD))
      cleanup(() => stream.close())
      await stream.open()
      assert.equal(await stream.subscribe(channel), 400, `${intruder.email} was let in`)
    }
    const visitor = new SseSubscriber(await HttpSession.visitor())
    cleanup(() => visitor.close())
    assert.equal(await visitor.open(), 401)
    assert.equal(await visitor.subscribe(channel), 401)
  })
})
