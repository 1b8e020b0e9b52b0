import { test } from '@japa/runner'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'

test.group('Live channels / only the channels Kotha defines', (group) => {
  withRollback(group)

  test('a logged-in user may join their own channel and no channel that matches no rule', async ({
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const stream = new SseSubscriber(await HttpSession.loggedInAs(user.email, TEST_PASSWORD))
    cleanup(() => stream.close())
    assert.equal(await stream.open(), 200)

    assert.equal(await stream.subscribe(`users/${user.id}`), 204)
    for (const channel of [
      'rooms/1',
      'public',
      `users/${user.id}/extra`,
      'users/abc',
      'conversations/abc',
      'calls/1e3',
      'payments/../users/1',
    ]) {
      assert.equal(await stream.subscribe(channel), 400, channel)
    }
  })
})
