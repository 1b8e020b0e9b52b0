import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { givenChatCast } from '#tests/helpers/chat'

/** Ids no `integer` column holds, or not written as an id. */
const BAD_INT_IDS = ['2147483648', '99999999999999999999', '01', '0', '-1', '1e3', '1.5']

type Method = 'get' | 'post' | 'put' | 'delete'

/** Every route family with an id in its path, `:id` (and `:other`) to fill in. */
const ROUTES: [Method, string][] = [
  ['get', '/rooms/:id'],
  ['get', '/api/rooms/:id'],
  ['get', '/rooms/:id/chat'],
  ['get', '/owner/rooms/:id/edit'],
  ['put', '/owner/rooms/:id'],
  ['post', '/owner/rooms/:id/status'],
  ['delete', '/owner/rooms/:id'],
  ['delete', '/owner/rooms/:id/photos/1'],
  ['delete', '/owner/rooms/1/photos/:id'],
  ['get', '/conversations/:id'],
  ['post', '/conversations/:id/messages'],
  ['get', '/conversations/:id/messages/1/image'],
  ['get', '/calls/:id'],
  ['get', '/calls/:id/state'],
  ['post', '/calls/:id/accept'],
  ['post', '/calls/:id/decline'],
  ['post', '/calls/:id/hangup'],
  ['post', '/calls/:id/connected'],
  ['post', '/calls/:id/failed'],
  ['post', '/calls/:id/signal'],
  ['get', '/calls/:id/signals'],
]

function hit(client: ApiClient, user: User, method: Method, path: string) {
  const request = client[method](path).loginAs(user).redirects(0)
  return method === 'get' ? request : request.withCsrfToken()
}

test.group('Hostile input / ids out of range', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('an id above the int4 range, or not an id, is a 404 on every id route, never a 500', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    for (const [method, pattern] of ROUTES) {
      for (const id of BAD_INT_IDS) {
        const path = pattern.replace(':id', id)
        const response = await hit(client, owner, method, path)
        assert.equal(response.status(), 404, `${method.toUpperCase()} ${path}`)
      }
    }
  })

  test('the largest int4 id is an ordinary refusal (404, 403, or 422 for an empty body)', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    for (const [method, pattern] of ROUTES) {
      const path = pattern.replace(':id', '2147483647')
      const response = await hit(client, owner, method, path)
      assert.oneOf(response.status(), [403, 404, 422], `${method.toUpperCase()} ${path}`)
    }
  })

  test('API routes answer that 404 in the JSON shape', async ({ client }) => {
    const owner = await UserFactory.apply('owner').create()
    for (const path of ['/api/rooms/2147483648', '/calls/2147483648/state']) {
      const response = await client.get(path).loginAs(owner).header('accept', 'application/json')
      response.assertStatus(404)
      response.assertBodyContains({ error: { status: 404, code: 'E_ROUTE_NOT_FOUND' } })
    }
  })

  test('a message id may go past int4 (a bigint column) but not past 2^53', async ({ client }) => {
    const cast = await givenChatCast()
    const image = (messageId: string) =>
      client
        .get(`/conversations/${cast.conversation.id}/messages/${messageId}/image`)
        .loginAs(cast.client)
    ;(await image('2147483648')).assertStatus(404)
    ;(await image('9007199254740991')).assertStatus(404)
    ;(await image('9007199254740992')).assertStatus(404)
    ;(await image('99999999999999999999')).assertStatus(404)
  })

  test('ids in bodies and query strings out of range are a 422 next to the field', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const api = (request: ReturnType<ApiClient['get']>) =>
      request.loginAs(cast.client).header('accept', 'application/json').withCsrfToken()
    const cases: [ReturnType<ApiClient['get']>, string][] = [
      [client.get('/api/messages').qs({ conversation_id: '2147483648' }), 'conversationId'],
      [client.get('/api/messages').qs({ room_id: '99999999999999999999' }), 'roomId'],
      [
        client
          .get('/api/messages')
          .qs({ conversation_id: cast.conversation.id, before: '9007199254740992' }),
        'before',
      ],
      [
        client.get('/api/messages').qs({ conversation_id: cast.conversation.id, after: '1e300' }),
        'after',
      ],
      [
        client.post('/api/messages/send').json({ conversation_id: 2147483648, content: 'hi' }),
        'conversationId',
      ],
      [
        client
          .post('/api/messages/read')
          .json({ conversation_id: cast.conversation.id, up_to_id: 2 ** 53 }),
        'upToId',
      ],
      [client.post('/api/messages/typing').json({ conversation_id: 2147483648 }), 'conversationId'],
      [client.post('/calls').json({ conversation_id: 2147483648 }), 'conversationId'],
      [client.post('/create-payment-intent').json({ room_id: 2147483648 }), 'roomId'],
      [
        client.post('/create-payment-intent').json({ room_id: `${cast.room.id}0000000000` }),
        'roomId',
      ],
    ]
    for (const [request, field] of cases) {
      const response = await api(request)
      response.assertStatus(422)
      response.assertBodyContains({ error: { status: 422, code: 'E_VALIDATION_ERROR' } })
      assert.property(response.body().error.fields, field, request.request.url)
    }
  })
})
