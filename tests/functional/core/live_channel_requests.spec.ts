import { test } from '@japa/runner'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { givenChatCast } from '#tests/helpers/chat'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'

/** A raw POST to Transmit's subscribe or unsubscribe route, with any body. */
async function post(session: HttpSession, path: 'subscribe' | 'unsubscribe', body: unknown) {
  const response = await session.fetch(`/__transmit/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

test.group('Live channels / what a subscribe request must look like', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('a channel or uid that is not a short string is a 422 in the JSON shape, never a 500', async ({
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD)
    const stream = new SseSubscriber(session)
    cleanup(() => stream.close())
    assert.equal(await stream.open(), 200)
    const channel = `conversations/${cast.conversation.id}`

    const cases: [unknown, string][] = [
      [{ uid: stream.uid, channel: 1 }, 'channel'],
      [{ uid: stream.uid, channel: { name: channel } }, 'channel'],
      [{ uid: stream.uid, channel: [channel] }, 'channel'],
      [{ uid: stream.uid, channel: null }, 'channel'],
      [{ uid: stream.uid }, 'channel'],
      [{ uid: stream.uid, channel: `${channel}\u0000` }, 'channel'],
      [{ uid: stream.uid, channel: `conversations/${'1'.repeat(300)}` }, 'channel'],
      [{ channel }, 'uid'],
      [{ uid: 42, channel }, 'uid'],
      [{ uid: 'x'.repeat(65), channel }, 'uid'],
      [{ uid: 'not a uid!', channel }, 'uid'],
    ]
    for (const path of ['subscribe', 'unsubscribe'] as const) {
      for (const [body, field] of cases) {
        const response = await post(session, path, body)
        const label = `${path} ${JSON.stringify(body).slice(0, 80)}`
        assert.equal(response.status, 422, label)
        assert.equal(response.body.error.code, 'E_VALIDATION_ERROR', label)
        assert.property(response.body.error.fields, field, label)
      }
    }
    // The well-formed request still works.
    assert.deepEqual(await post(session, 'subscribe', { uid: stream.uid, channel }), {
      status: 204,
      body: null,
    })
  })

  test('only exact channel names: case, slash and leading-zero variants are refused', async ({
    assert,
    cleanup,
  }) => {
    const cast = await givenChatCast()
    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD)
    const stream = new SseSubscriber(session)
    cleanup(() => stream.close())
    assert.equal(await stream.open(), 200)
    const id = cast.conversation.id
    const refused = [
      `Conversations/${id}`,
      `CONVERSATIONS/${id}`,
      `conversations//${id}`,
      `conversations/${id}/`,
      `/conversations/${id}`,
      `conversations/0${id}`,
      `conversations/+${id}`,
      `conversations/${id}?x=1`,
      `conversations/${id}#x`,
      `conversations/%3${String(id).at(0)}`,
      ` conversations/${id}`,
      `users/0${cast.client.id}`,
      `users/${cast.client.id}/`,
      'conversations/2147483648',
      'calls/01',
      'payments/../users/1',
      'payments/',
      '',
    ]
    for (const channel of refused) {
      const response = await post(session, 'subscribe', { uid: stream.uid, channel })
      assert.oneOf(response.status, [400, 422], channel)
      if (response.status === 400) {
        assert.deepEqual(
          response.body,
          {
            error: {
              status: 400,
              code: 'E_CHANNEL_REFUSED',
              message: 'This channel does not exist, or it is not yours',
            },
          },
          channel
        )
      }
    }
    // The exact names are allowed; another person's conversation is refused the same way.
    assert.equal(await stream.subscribe(`conversations/${id}`), 204)
    assert.equal(await stream.subscribe(`users/${cast.client.id}`), 204)
    const other = await post(session, 'subscribe', {
      uid: stream.uid,
      channel: `conversations/${cast.otherConversation.id}`,
    })
    assert.equal(other.status, 400)
    assert.equal(other.body.error.code, 'E_CHANNEL_REFUSED')
  })
})
