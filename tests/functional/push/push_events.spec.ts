import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type User from '#models/user'
import { saveDeviceSubscription } from '#push/actions/save_device_subscription'
import { drainJobs, withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import { givenClientAndRoom, payInSandbox, startUnlock } from '#tests/helpers/payments'
import { FakePushService, TestDevice } from '#tests/helpers/push_endpoint'

let service: FakePushService

/** Subscribes one device of `user` to the test's push service. */
async function deviceOf(user: User) {
  const device = new TestDevice(service.endpoint())
  await saveDeviceSubscription(
    user.id,
    device.toJSON(),
    'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0'
  )
  return device
}

/** What a device received, decrypted, in order. */
async function notificationsOf(device: TestDevice) {
  await drainJobs()
  return service.receivedBy(device.endpoint).map((push) => ({
    ...JSON.parse(device.decrypt(push.body)),
    ttl: Number(push.headers.ttl),
    urgency: push.headers.urgency,
  }))
}

test.group('Push / what the features send', (group) => {
  withRollback(group)
  group.setup(async () => {
    service = await FakePushService.start()
    return () => service.close()
  })

  test('an owner is told of an unlock', async ({ client, assert }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const device = await deviceOf(owner)
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)

    const [unlock] = await notificationsOf(device)
    assert.deepInclude(unlock, {
      kind: 'unlock',
      title: 'Room unlocked',
      url: urlFor('chat.index'),
    })
    assert.equal(unlock.body, `Bishal unlocked “${room.title}” (Rs. 30).`)
  })

  test('a message reaches the other person as text, and a burst collapses into one tag', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const ownerDevice = await deviceOf(cast.owner)
    const clientDevice = await deviceOf(cast.client)
    for (const content of ['Is it free?', '<b>Hello</b> <script>x</script>', 'Third']) {
      await client
        .post('/api/messages/send/')
        .json({ conversation_id: cast.conversation.id, content })
        .loginAs(cast.client)
        .withCsrfToken()
    }
    const received = await notificationsOf(ownerDevice)
    assert.lengthOf(received, 3)
    assert.deepInclude(received[0], {
      kind: 'message',
      body: 'Is it free?',
      url: urlFor('chat.show', { id: cast.conversation.id }),
    })
    assert.equal(received[1].body, '<b>Hello</b> <script>x</script>')
    assert.equal(new Set(received.map((push) => push.tag)).size, 1)
    assert.include(received[2].title, 'Asha')

    // The owner replies: the client is told.
    await client
      .post('/api/messages/send/')
      .json({ conversation_id: cast.conversation.id, content: 'Yes it is.' })
      .loginAs(cast.owner)
      .withCsrfToken()
    const [reply] = await notificationsOf(clientDevice)
    assert.deepInclude(reply, { kind: 'message', title: 'Hari', body: 'Yes it is.' })
  })

  test('a call rings urgently on the callee’s devices; unanswered, it turns into a missed call', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const device = await deviceOf(cast.owner)
    const started = await client
      .post(urlFor('calls.store'))
      .json({ conversation_id: cast.conversation.id })
      .header('accept', 'application/json')
      .loginAs(cast.client)
      .withCsrfToken()
    const callId = started.body().data.id
    await client
      .post(urlFor('calls.hangup', { id: callId }))
      .json({})
      .header('accept', 'application/json')
      .loginAs(cast.client)
      .withCsrfToken()

    const [ringing, missed] = await notificationsOf(device)
    assert.deepInclude(ringing, {
      kind: 'call',
      title: 'Asha is video calling',
      url: urlFor('calls.show', { id: callId }),
      urgency: 'high',
    })
    assert.isAtMost(ringing.ttl, 45)
    assert.deepInclude(ringing.actions[0], {
      action: 'open-call',
      url: urlFor('calls.show', { id: callId }),
    })
    assert.deepInclude(missed, {
      kind: 'missed_call',
      title: 'Missed call from Asha',
      tag: ringing.tag,
    })
  })
})
