import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import Message from '#models/message'
import Room from '#models/room'
import { RoomFactory } from '#database/factories/room_factory'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { flashedInputErrors, withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { givenChatCast } from '#tests/helpers/chat'
import { givenClientAndRoom, startUnlock } from '#tests/helpers/payments'

const NUL = '\u0000'
const CONTROL = /contains a control character/
const ONE_LINE = /must be on one line/

const roomForm = {
  title: 'Bright single room in Kupondole',
  description: 'Second floor, 24-hour water,\r\nattached bathroom,\n\tten minutes from Pulchowk.',
  city: 'lalitpur',
  locality: 'Kupondole',
  rentNpr: '8500',
  roomType: 'single',
}

function api(request: ApiRequest<any, any, any>, user: User) {
  return request.loginAs(user).header('accept', 'application/json').withCsrfToken()
}

test.group('Hostile input / control characters in text', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('sign-up and login forms: a NUL is a message next to the field', async ({
    client,
    assert,
  }) => {
    const signUp = await client
      .post(urlFor('register.store'))
      .form({
        fullName: `Sita${NUL}`,
        email: 'sita@example.com',
        phone: `98410${NUL}00001`,
        password: 'namaste-123',
        passwordConfirmation: 'namaste-123',
        role: 'owner',
      })
      .withCsrfToken()
      .redirects(0)
    signUp.assertStatus(302)
    const errors = flashedInputErrors(signUp)
    assert.match(
      errors.fullName[0],
      /^name contains a control character \(such as NUL\); remove it$/
    )
    assert.match(errors.phone[0], CONTROL)
    assert.notProperty(errors, 'email')

    const user = await UserFactory.create()
    const login = await client
      .post(urlFor('session.store'))
      .form({ email: `${user.email}${NUL}`, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    assert.match(flashedInputErrors(login).email[0], CONTROL)
  })

  test('room forms: NUL refused in every field; line breaks only in the description', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const post = (fields: Record<string, string>) =>
      client
        .post(urlFor('owner.rooms.store'))
        .fields(fields)
        .loginAs(owner)
        .withCsrfToken()
        .redirects(0)
    const refused = await post({
      ...roomForm,
      title: `Bright room${NUL} in Kupondole`,
      description: `${roomForm.description}${NUL}`,
      locality: 'Kupon\u0007dole',
    })
    const errors = flashedInputErrors(refused)
    assert.match(errors.title[0], CONTROL)
    assert.match(errors.description[0], CONTROL)
    assert.match(errors.locality[0], CONTROL)
    const oneLine = await post({ ...roomForm, title: 'Bright single room\nin Kupondole' })
    assert.match(flashedInputErrors(oneLine).title[0], ONE_LINE)
    assert.isNull(await Room.findBy('ownerId', owner.id))

    // Line breaks and tabs in the description are fine.
    ;(await post(roomForm)).assertStatus(302)
    const room = await Room.findByOrFail('ownerId', owner.id)
    assert.equal(room.description, roomForm.description)

    const edit = await client
      .put(urlFor('owner.rooms.update', { id: room.id }))
      .fields({ ...roomForm, locality: `Jawalakhel${NUL}` })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    assert.match(flashedInputErrors(edit).locality[0], CONTROL)
  })

  test('the listing’s search box: a NUL is a message next to it, the page still shows', async ({
    client,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    await RoomFactory.merge({ ownerId: owner.id }).create()
    const page = await client.get(urlFor('rooms.index')).qs({ q: `room${NUL}` })
    page.assertStatus(200)
    page.assertTextIncludes('data-error-for="q">Search contains a control character')
  })

  test('chat: the form and the API refuse a NUL, and keep line breaks', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const form = await client
      .post(urlFor('chat.store', { id: cast.conversation.id }))
      .form({ content: `Namaste${NUL}` })
      .loginAs(cast.client)
      .withCsrfToken()
      .redirects(0)
    form.assertStatus(302)
    assert.match(flashedInputErrors(form).content[0], CONTROL)

    const sent = (content: string) =>
      api(client.post(urlFor('api.messages.send')), cast.client).json({
        conversation_id: cast.conversation.id,
        content,
      })
    const refused = await sent(`Namaste${NUL}`)
    refused.assertStatus(422)
    assert.match(refused.body().error.fields.content[0], CONTROL)
    ;(await sent('\u001b[31mred')).assertStatus(422)
    const fine = await sent('Namaste,\nis the room free?\tThanks')
    fine.assertStatus(201)
    const stored = await Message.findOrFail(fine.body().data.id)
    assert.equal(stored.content, 'Namaste,\nis the room free?\tThanks')
  })

  test('calls: a NUL in a signal or a failure reason is a 422', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const started = await api(client.post(urlFor('calls.store')), cast.client).json({
      conversation_id: cast.conversation.id,
    })
    started.assertStatus(201)
    const id = started.body().data.id
    const signal = await api(client.post(urlFor('calls.signal', { id })), cast.client).json({
      signal: { type: 'offer', sdp: `v=0\r\no=- 1 2 IN IP4 127.0.0.1${NUL}\r\n` },
    })
    signal.assertStatus(422)
    assert.match(signal.body().error.fields.signal[0], CONTROL)
    const failed = await api(client.post(urlFor('calls.failed', { id })), cast.client).json({
      reason: `ice${NUL}`,
    })
    failed.assertStatus(422)
    assert.match(failed.body().error.fields.reason[0], CONTROL)
  })

  test('payments and push: a NUL is refused, never a 500', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const webhook = await client
      .post(urlFor('esewa.webhook'))
      .json({ transaction_id: `${payment.transactionId}${NUL}` })
    webhook.assertStatus(422)
    assert.match(webhook.body().error.fields.transactionId[0], CONTROL)

    const redirect = await client
      .get(urlFor('esewa.success', { transactionId: payment.transactionId }))
      .qs({ data: `abc${NUL}`, [`x${NUL}`]: NUL })
      .loginAs(payer)
    redirect.assertStatus(400)

    const push = await api(client.post(urlFor('push.subscriptions.store')), payer).json({
      endpoint: `https://push.example.com/send/abc${NUL}`,
      keys: { p256dh: 'x', auth: 'y' },
    })
    push.assertStatus(422)
    assert.match(push.body().error.fields.endpoint[0], CONTROL)
  })

  test('logging out with a NUL in the device’s endpoint still logs out', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .post(urlFor('session.destroy'))
      .form({ push_endpoint: `https://push.example.com/${NUL}` })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', urlFor('rooms.index'))
  })
})
