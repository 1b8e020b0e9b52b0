import { test } from '@japa/runner'
import emitter from '@adonisjs/core/services/emitter'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Message from '#models/message'
import { withRollback, withEmptyTables } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

const KEY = '3f0c7a52-9a51-4b8e-8f5e-2f1d6f0e9c11'

/** POST /api/messages/send/ with a client key, as the chat page sends it. */
function send(
  client: ApiClient,
  user: User,
  body: { conversation_id: number; content: string; client_key?: string }
) {
  return client.post(urlFor('api.messages.send')).json(body).loginAs(user).withCsrfToken()
}

/** The rows stored in a conversation with a key. */
function storedWithKey(conversationId: number, key: string) {
  return Message.query().where('conversationId', conversationId).where('clientKey', key)
}

test.group('Chat / idempotent sends', (group) => {
  withRollback(group)

  test('the same key twice stores one message and answers twice the same, with one message:sent', async ({
    client,
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const events = emitter.fake(['message:sent'])
    cleanup(() => emitter.restore())
    const body = { conversation_id: cast.conversation.id, content: 'Is it quiet?', client_key: KEY }

    const first = await send(client, cast.client, body)
    first.assertStatus(201)
    // The answer was lost: the page sends the same again.
    const retry = await send(client, cast.client, body)
    retry.assertStatus(201)
    assert.deepEqual(retry.body(), first.body())
    assert.equal(first.body().data.clientKey, KEY)

    assert.lengthOf(await storedWithKey(cast.conversation.id, KEY), 1)
    events.assertEmittedCount('message:sent', 1)

    // Without a key, every send is a new message (call entries, old clients).
    const plain = { conversation_id: cast.conversation.id, content: 'Hello?' }
    ;(await send(client, cast.client, plain)).assertStatus(201)
    ;(await send(client, cast.client, plain)).assertStatus(201)
    assert.lengthOf(
      await Message.query()
        .where('conversationId', cast.conversation.id)
        .where('content', 'Hello?'),
      2
    )
  })

  test('a key is its sender’s: the other participant is refused, another conversation is separate', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const mine = await send(client, cast.client, {
      conversation_id: cast.conversation.id,
      content: 'My private question',
      client_key: KEY,
    })
    mine.assertStatus(201)

    // The owner, in the same conversation, with the same key: refused, nothing of mine in it.
    const owner = await send(client, cast.owner, {
      conversation_id: cast.conversation.id,
      content: 'The owner writes',
      client_key: KEY,
    })
    owner.assertStatus(409)
    owner.assertBodyContains({ error: { status: 409, code: 'E_CLIENT_KEY_TAKEN' } })
    assert.notInclude(JSON.stringify(owner.body()), 'My private question')
    assert.notInclude(JSON.stringify(owner.body()), String(mine.body().data.id))

    // Another client, in their own conversation, with the same key: their own message.
    const other = await send(client, cast.otherClient, {
      conversation_id: cast.otherConversation.id,
      content: 'Another room’s question',
      client_key: KEY,
    })
    other.assertStatus(201)
    assert.notEqual(other.body().data.id, mine.body().data.id)
    assert.deepInclude(other.body().data, {
      conversationId: cast.otherConversation.id,
      senderId: cast.otherClient.id,
      content: 'Another room’s question',
    })

    // People outside the conversation get the usual refusal, never the stored message.
    for (const intruder of [cast.unpaidClient, cast.otherClient, cast.otherOwner]) {
      const refused = await send(client, intruder, {
        conversation_id: cast.conversation.id,
        content: 'Let me in',
        client_key: KEY,
      })
      refused.assertStatus(403)
      refused.assertBodyContains({ error: { status: 403, code: 'E_CHAT_FORBIDDEN' } })
      assert.notInclude(JSON.stringify(refused.body()), 'My private question')
    }
    const [stored] = await storedWithKey(cast.conversation.id, KEY)
    assert.equal(stored.content, 'My private question')
    assert.lengthOf(await storedWithKey(cast.conversation.id, KEY), 1)
  })

  test('a client key is 8 to 64 letters, digits, "_" or "-"', async ({ client }) => {
    const cast = await givenChatCast()
    for (const key of ['short', 'x'.repeat(65), 'has space in it', '<script>alert</script>']) {
      const refused = await send(client, cast.client, {
        conversation_id: cast.conversation.id,
        content: 'Hi',
        client_key: key,
      })
      refused.assertStatus(422)
      refused.assertBodyContains({
        error: {
          code: 'E_VALIDATION_ERROR',
          fields: { clientKey: ['client_key must be 8 to 64 letters, digits, "_" or "-"'] },
        },
      })
    }
    ;(
      await send(client, cast.client, {
        conversation_id: cast.conversation.id,
        content: 'Hi',
        client_key: 'Ab_-0123',
      })
    ).assertStatus(201)
  })

  test('the chat form without script stores a resubmitted message once', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const page = await client
      .get(urlFor('chat.show', { id: cast.conversation.id }))
      .loginAs(cast.client)
    const key = /name="clientKey" value="([^"]+)"/.exec(page.text())?.[1]
    assert.match(key!, /^[A-Za-z0-9_-]{8,64}$/)
    for (let submit = 0; submit < 2; submit++) {
      const response = await client
        .post(urlFor('chat.store', { id: cast.conversation.id }))
        .form({ content: 'Sent by form', clientKey: key })
        .loginAs(cast.client)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }
    assert.lengthOf(await storedWithKey(cast.conversation.id, key!), 1)
  })
})

test.group('Chat / idempotent sends at the same time', (group) => {
  // Real concurrency needs real transactions: tables are truncated after each test instead.
  withEmptyTables(group)

  test('the same key sent five times at once stores one message; every answer is the same', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const body = { conversation_id: cast.conversation.id, content: 'Twice?', client_key: KEY }
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => send(client, cast.client, body))
    )
    for (const response of responses) {
      response.assertStatus(201)
      assert.deepEqual(response.body(), responses[0].body())
    }
    assert.lengthOf(await storedWithKey(cast.conversation.id, KEY), 1)
    assert.lengthOf(await Message.query().where('conversationId', cast.conversation.id), 1)
  })
})
