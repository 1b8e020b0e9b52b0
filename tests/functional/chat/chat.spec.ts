import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Message from '#models/message'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PhotoStorage } from '#core/uploads/photo_storage'
import SendMessage from '#chat/actions/send_message'
import uploads from '#config/uploads'
import chatConfig from '#config/chat'
import { fakeJpegBytes, pngBytes, withRollback } from '#tests/helpers/app'
import { givenChatCast, storedMessages } from '#tests/helpers/chat'
import { givenClientAndRoom, payInSandbox, startUnlock } from '#tests/helpers/payments'
import Conversation from '#models/conversation'

const HOSTILE = `<script>alert("x")</script><img src=x onerror="alert(1)">`

test.group('Chat / a conversation opens with the unlock', (group) => {
  withRollback(group)

  test('paying for a room opens the conversation with its owner', async ({ client, assert }) => {
    const { room, client: payer, owner } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    assert.isNull(await Conversation.findBy('roomId', room.id))
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)

    const conversation = await Conversation.findByOrFail('roomId', room.id)
    assert.deepInclude(conversation.$attributes, {
      clientId: payer.id,
      ownerId: owner.id,
      openedByPaymentId: payment.id,
    })
    const go = await client
      .get(urlFor('chat.for_room', { id: room.id }))
      .loginAs(payer)
      .redirects(0)
    go.assertHeader('location', urlFor('chat.show', { id: conversation.id }))
  })
})

test.group('Chat / API', (group) => {
  withRollback(group)

  test('the client and the owner exchange messages; history pages back by id', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const sent = await client
      .post('/api/messages/send/')
      .json({ room_id: cast.room.id, content: 'Namaste! Is the room still free?' })
      .loginAs(cast.client)
      .withCsrfToken()
    sent.assertStatus(201)
    sent.assertBodyContains({
      data: {
        content: 'Namaste! Is the room still free?',
        senderId: cast.client.id,
        receiverId: cast.owner.id,
        readAt: null,
      },
    })

    // The owner has two clients on this room: they say which.
    const ambiguous = await client
      .post('/api/messages/send/')
      .json({ room_id: cast.room.id, content: 'Hi' })
      .loginAs(cast.owner)
      .withCsrfToken()
    ambiguous.assertStatus(422)
    ambiguous.assertBodyContains({ error: { code: 'E_CLIENT_REQUIRED' } })
    const reply = await client
      .post('/api/messages/send/')
      .json({ room_id: cast.room.id, client_id: cast.client.id, content: 'Yes, come on Saturday.' })
      .loginAs(cast.owner)
      .withCsrfToken()
    reply.assertStatus(201)

    await storedMessages(
      cast.conversation,
      cast.client,
      Array.from({ length: 35 }, (_, index) => `message ${index}`)
    )
    const first = await client
      .get('/api/messages/')
      .qs({ conversation_id: cast.conversation.id })
      .loginAs(cast.client)
    first.assertStatus(200)
    const page1 = first.body()
    assert.lengthOf(page1.data, 30)
    assert.equal(page1.data[0].content, 'message 34')
    assert.isTrue(page1.meta.hasMore)
    const second = await client
      .get('/api/messages/')
      .qs({ room_id: cast.room.id, before: page1.meta.nextCursor })
      .loginAs(cast.client)
    const page2 = second.body()
    assert.deepEqual(
      page2.data.map((message: { content: string }) => message.content),
      [
        'message 4',
        'message 3',
        'message 2',
        'message 1',
        'message 0',
        'Yes, come on Saturday.',
        'Namaste! Is the room still free?',
      ]
    )
    assert.isFalse(page2.meta.hasMore)

    const after = await client
      .get('/api/messages/')
      .qs({ conversation_id: cast.conversation.id, after: page1.data[2].id })
      .loginAs(cast.owner)
    assert.deepEqual(
      after.body().data.map((message: { content: string }) => message.content),
      ['message 33', 'message 34']
    )
  })

  test('read receipts and unread counts', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const [m1] = await storedMessages(cast.conversation, cast.client, ['one', 'two'])
    await storedMessages(cast.otherConversation, cast.otherClient, ['from another client'])

    const unread = await client.get('/api/unread-count/').loginAs(cast.owner)
    unread.assertBody({
      data: {
        total: 3,
        conversations: { [cast.conversation.id]: 2, [cast.otherConversation.id]: 1 },
      },
    })

    const partly = await client
      .post('/api/messages/read/')
      .json({ conversation_id: cast.conversation.id, up_to_id: m1.id })
      .loginAs(cast.owner)
      .withCsrfToken()
    partly.assertBody({ data: { marked: 1 } })
    const all = await client
      .post('/api/messages/read/')
      .json({ conversation_id: cast.conversation.id })
      .loginAs(cast.owner)
      .withCsrfToken()
    all.assertBody({ data: { marked: 1 } })
    ;(await client.get('/api/unread-count/').loginAs(cast.owner)).assertBody({
      data: { total: 1, conversations: { [cast.otherConversation.id]: 1 } },
    })

    // The sender's own messages are never "unread" for them, and reading marks nothing of theirs.
    ;(await client.get('/api/unread-count/').loginAs(cast.client)).assertBody({
      data: { total: 0, conversations: {} },
    })
    const history = await client
      .get('/api/messages/')
      .qs({ conversation_id: cast.conversation.id })
      .loginAs(cast.client)
    assert.isNotNull(history.body().data[0].readAt)
  })

  test('every endpoint refuses the wrong people', async ({ client }) => {
    const cast = await givenChatCast()
    const [message] = await storedMessages(cast.conversation, cast.client, ['private'])
    const id = cast.conversation.id
    const calls = [
      () => client.get('/api/messages/').qs({ conversation_id: id }),
      () =>
        client
          .post('/api/messages/send/')
          .json({ conversation_id: id, content: 'let me in' })
          .withCsrfToken(),
      () => client.post('/api/messages/read/').json({ conversation_id: id }).withCsrfToken(),
      () => client.post('/api/messages/typing/').json({ conversation_id: id }).withCsrfToken(),
      () => client.get(urlFor('chat.show', { id })),
      () => client.get(urlFor('chat.image', { conversationId: id, messageId: message.id })),
    ]
    for (const intruder of [cast.unpaidClient, cast.otherClient, cast.otherOwner]) {
      for (const call of calls) (await call().loginAs(intruder)).assertStatus(403)
    }
    // By room: a client without a conversation on this room, an owner of another room.
    ;(
      await client.get('/api/messages/').qs({ room_id: cast.room.id }).loginAs(cast.unpaidClient)
    ).assertStatus(403)
    ;(
      await client.get('/api/messages/').qs({ room_id: cast.room.id }).loginAs(cast.otherOwner)
    ).assertStatus(403)
    ;(
      await client.get(urlFor('chat.for_room', { id: cast.room.id })).loginAs(cast.unpaidClient)
    ).assertStatus(403)
    // Logged out: 401 for the API, the login page for pages.
    ;(await client.get('/api/messages/').qs({ conversation_id: id })).assertStatus(401)
    ;(
      await client
        .post('/api/messages/send/')
        .json({ conversation_id: id, content: 'x' })
        .withCsrfToken()
    ).assertStatus(401)
    ;(await client.get('/api/unread-count/')).assertStatus(401)
    ;(await client.get(urlFor('chat.show', { id })).redirects(0)).assertHeader(
      'location',
      urlFor('session.create')
    )
    ;(
      await client
        .get(urlFor('chat.image', { conversationId: id, messageId: message.id }))
        .redirects(0)
    ).assertStatus(302)
    // The participants themselves get through.
    ;(
      await client.get('/api/messages/').qs({ conversation_id: id }).loginAs(cast.owner)
    ).assertStatus(200)
    ;(await client.get(urlFor('chat.show', { id })).loginAs(cast.client)).assertStatus(200)
  })

  test('a refunded unlock stops the chat for both', async ({ client, assert }) => {
    const cast = await givenChatCast()
    await Payment.query().where('id', cast.payment.id).update({ status: PaymentStatus.Refunded })
    const clientSend = await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: 'hello?' })
      .loginAs(cast.client)
      .withCsrfToken()
    clientSend.assertStatus(403)
    clientSend.assertBodyContains({
      error: {
        code: 'E_UNLOCK_REVOKED',
        message: 'This chat is closed: the unlock of this room was refunded or reversed',
      },
    })
    const ownerSend = await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: 'hi' })
      .loginAs(cast.owner)
      .withCsrfToken()
    ownerSend.assertStatus(403)
    ;(
      await client
        .post('/api/messages/read/')
        .json({ conversation_id: cast.conversation.id })
        .loginAs(cast.owner)
        .withCsrfToken()
    ).assertStatus(403)
    ;(
      await client.get(urlFor('chat.show', { id: cast.conversation.id })).loginAs(cast.client)
    ).assertStatus(403)
    const inbox = await client.get(urlFor('chat.index')).loginAs(cast.owner)
    inbox.assertTextIncludes(cast.otherClient.fullName)
    assert.notInclude(inbox.text(), cast.client.fullName)
  })

  test('message rules: something to send, a length limit, clear errors', async ({ client }) => {
    const cast = await givenChatCast()
    const empty = await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: '   ' })
      .loginAs(cast.client)
      .withCsrfToken()
    empty.assertStatus(422)
    empty.assertBodyContains({ error: { fields: { content: ['Write a message or add a photo'] } } })
    const long = await client
      .post('/api/messages/send/')
      .json({
        conversation_id: cast.conversation.id,
        content: 'a'.repeat(chatConfig.messageMaxLength + 1),
      })
      .loginAs(cast.client)
      .withCsrfToken()
    long.assertStatus(422)
    long.assertBodyContains({
      error: {
        code: 'E_VALIDATION_ERROR',
        fields: { content: [`content must be at most ${chatConfig.messageMaxLength} characters`] },
      },
    })
    const nowhere = await client
      .post('/api/messages/send/')
      .json({ content: 'to whom?' })
      .loginAs(cast.client)
      .withCsrfToken()
    nowhere.assertStatus(422)
  })

  test('images: checked by content, size-limited, served only to the two people', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const sent = await client
      .post('/api/messages/send/')
      .field('conversation_id', String(cast.conversation.id))
      .file('image', pngBytes(3), { filename: 'kitchen.png' })
      .loginAs(cast.client)
      .withCsrfToken()
    sent.assertStatus(201)
    const message = await Message.findOrFail(sent.body().data.id)
    assert.isTrue(existsSync(new PhotoStorage('chat').pathOf(message.imageFileName!)))
    assert.notInclude(sent.text(), message.imageFileName!)

    const forOwner = await client.get(sent.body().data.imageUrl).loginAs(cast.owner)
    forOwner.assertStatus(200)
    forOwner.assertHeader('content-type', 'image/png')
    ;(await client.get(sent.body().data.imageUrl).loginAs(cast.otherClient)).assertStatus(403)
    ;(
      await client
        .get(urlFor('chat.image', { conversationId: cast.conversation.id, messageId: 999999 }))
        .loginAs(cast.owner)
    ).assertStatus(404)
    // The file is not reachable by its name anywhere else.
    ;(
      await client.get(urlFor('room_photos.show', { fileName: message.imageFileName! }))
    ).assertStatus(404)

    const fake = await client
      .post('/api/messages/send/')
      .field('conversation_id', String(cast.conversation.id))
      .file('image', fakeJpegBytes(), { filename: 'photo.jpg' })
      .loginAs(cast.client)
      .withCsrfToken()
    fake.assertStatus(422)
    const tooBig = Buffer.alloc(uploads.chatImageMaxSizeMb * 1024 * 1024 + 1024)
    pngBytes().copy(tooBig)
    const big = await client
      .post('/api/messages/send/')
      .field('conversation_id', String(cast.conversation.id))
      .file('image', tooBig, { filename: 'big.png' })
      .loginAs(cast.client)
      .withCsrfToken()
    big.assertStatus(422)
    assert.equal(
      await Message.query()
        .where('conversationId', cast.conversation.id)
        .count('* as total')
        .then((rows) => Number(rows[0].$extras.total)),
      1
    )
  })

  test('hostile HTML is stored as sent and shown as text everywhere', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const sent = await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: HOSTILE })
      .loginAs(cast.client)
      .withCsrfToken()
    assert.equal(sent.body().data.content, HOSTILE)
    for (const url of [urlFor('chat.show', { id: cast.conversation.id }), urlFor('chat.index')]) {
      const page = await client.get(url).loginAs(cast.owner)
      assert.notInclude(page.text(), '<script>alert')
      assert.notInclude(page.text(), '<img src=x')
      page.assertTextIncludes('&lt;script&gt;alert')
    }
  })
})

test.group('Chat / pages', (group) => {
  withRollback(group)

  test('the chat page works before any script: history, sending by form, day separators in Nepal time', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    await storedMessages(cast.conversation, cast.owner, ['Welcome, the room is free.'])
    const page = await client
      .get(urlFor('chat.show', { id: cast.conversation.id }))
      .loginAs(cast.client)
    page.assertStatus(200)
    page.assertTextIncludes('Welcome, the room is free.')
    page.assertTextIncludes('data-day=')
    assert.match(page.text(), /data-day="\w+day, \d{1,2} \w{3} \d{4}"/)

    const posted = await client
      .post(urlFor('chat.store', { id: cast.conversation.id }))
      .fields({ content: 'Thank you, I will come at 4.' })
      .loginAs(cast.client)
      .withCsrfToken()
      .redirects(0)
    posted.assertHeader('location', urlFor('chat.show', { id: cast.conversation.id }))
    assert.exists(await Message.findBy('content', 'Thank you, I will come at 4.'))
  })

  test('opening the chat reads it; the inbox lists conversations newest first with unread counts', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    // Sent for real: the inbox orders by the conversation's last activity.
    const chat = new SendMessage()
    await chat.handle(cast.client, cast.conversation, { content: 'First client asks' })
    await chat.handle(cast.otherClient, cast.otherConversation, {
      content: 'Second client asks later',
    })

    const inbox = await client.get(urlFor('chat.index')).loginAs(cast.owner)
    const html = inbox.text()
    assert.isBelow(html.indexOf('Second client asks later'), html.indexOf('First client asks'))
    assert.match(html, /data-testid="unread-badge">2</)

    await client.get(urlFor('chat.show', { id: cast.conversation.id })).loginAs(cast.owner)
    const after = await client.get(urlFor('chat.index')).loginAs(cast.owner)
    assert.match(after.text(), /data-testid="unread-badge">1</)

    const clientInbox = await client.get(urlFor('chat.index')).loginAs(cast.client)
    clientInbox.assertTextIncludes('Hari Gurung')
    clientInbox.assertTextIncludes('You: First client asks')
  })
})
