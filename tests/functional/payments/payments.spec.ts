import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import ace from '@adonisjs/core/services/ace'
import PaymentsReconcile from '#commands/payments_reconcile'
import PaymentsShow from '#commands/payments_show'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import esewaConfig from '#config/esewa'
import { encodeCallbackData } from '#payments/gateways/esewa_signature'
import { setStatus, switches, complete as completeInSandbox } from '#dev/esewa_sandbox/sandbox'
import { UserFactory } from '#database/factories/user_factory'
import { PaymentFactory } from '#database/factories/payment_factory'
import { withRollback, withEmptyTables } from '#tests/helpers/app'
import { setLimit } from '#tests/helpers/limits'
import {
  eventTypes,
  eventsOf,
  givenClientAndRoom,
  payInSandbox,
  reconcile,
  startUnlock,
} from '#tests/helpers/payments'

const later = (minutes: number) => DateTime.now().plus({ minutes })

test.group('Payments / unlocking a room through eSewa v2', (group) => {
  withRollback(group)
  group.each.teardown(() => {
    switches.reset()
  })

  test('a client pays Rs. 30 and the room page shows the owner phone and a receipt', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const before = await client.get(urlFor('rooms.show', { id: room.id })).loginAs(payer)
    assert.notInclude(before.text(), '9841999888')

    const { payment, body } = await startUnlock(client, payer, room)
    assert.equal(body.price, 'Rs. 30')
    assert.match(body.qr.svg, /^<svg/)
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.equal(payment.amountSent, '30')

    const successPath = await payInSandbox(client, payer, payment)
    assert.match(successPath, new RegExp(`^/esewa-success/${payment.transactionId}\\?data=`))
    const back = await client.get(successPath).loginAs(payer).redirects(0)
    back.assertHeader('location', urlFor('rooms.show', { id: room.id }))

    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.match(payment.esewaRefId!, /^[0-9A-Z]{7}$/)
    assert.isNotNull(payment.paidAt)

    const after = await client.get(urlFor('rooms.show', { id: room.id })).loginAs(payer)
    after.assertTextIncludes('data-testid="owner-phone"')
    after.assertTextIncludes('9841999888')
    after.assertTextIncludes('Sunita Lama')
    after.assertTextIncludes(payment.esewaRefId!)
    after.assertTextIncludes(payment.transactionId)

    const home = await client.get(urlFor('client.home')).loginAs(payer)
    home.assertTextIncludes('data-testid="unlocked-room"')
    home.assertTextIncludes('9841999888')

    assert.includeMembers(await eventTypes(payment), [
      PaymentEventType.Created,
      PaymentEventType.Redirected,
      PaymentEventType.CallbackReceived,
      PaymentEventType.VerificationRequested,
      PaymentEventType.VerificationResponse,
      PaymentEventType.StatusChanged,
    ])
  })

  test('the price is the server’s, whatever the browser sends', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const response = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: room.id, amount: 1, total_amount: '1', price: 1 })
      .header('accept', 'application/json')
      .loginAs(payer)
      .withCsrfToken()
    const payment = await Payment.findByOrFail(
      'transactionId',
      response.body().payment.transactionId
    )
    assert.equal(payment.amount, '30.00')
    assert.equal(payment.amountSent, '30')
  })

  test('a forged data parameter (signed with another key) unlocks nothing', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const forged = encodeCallbackData('not-the-merchant-secret', {
      transaction_code: '000FAKE',
      status: 'COMPLETE',
      total_amount: '30.0',
      transaction_uuid: payment.transactionId,
      product_code: 'EPAYTEST',
    })
    const response = await client
      .get(urlFor('esewa.success', { transactionId: payment.transactionId }))
      .qs({ data: forged })
      .loginAs(payer)
    response.assertStatus(200)
    response.assertTextIncludes('checking your payment')

    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    const [rejected] = await eventsOf(payment, PaymentEventType.CallbackRejected)
    assert.equal(rejected.data.reason, 'signature does not match')
    assert.lengthOf(await eventsOf(payment, PaymentEventType.VerificationRequested), 0)
  })

  test('a tampered amount in a real callback breaks its signature', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    switches.set({ statusApi: 'down' })
    const successPath = await payInSandbox(client, payer, payment)
    const data = new URL(successPath, 'http://x').searchParams.get('data')!
    const decoded = JSON.parse(Buffer.from(data.replaceAll(' ', '+'), 'base64').toString())
    decoded.total_amount = '3.0'
    const tampered = Buffer.from(JSON.stringify(decoded)).toString('base64')

    await client
      .get(urlFor('esewa.success', { transactionId: payment.transactionId }))
      .qs({ data: tampered })
      .loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.equal(
      (await eventsOf(payment, PaymentEventType.CallbackRejected))[0].data.reason,
      'signature does not match'
    )
  })

  test("another client's paid transaction does not unlock this client's attempt", async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const other = await UserFactory.create()
    const { payment: mine } = await startUnlock(client, payer, room)
    const { payment: theirs } = await startUnlock(client, other, room)
    switches.set({ statusApi: 'down' })
    const theirSuccess = await payInSandbox(client, other, theirs)
    const theirData = new URL(theirSuccess, 'http://x').searchParams.get('data')!

    await client
      .get(urlFor('esewa.success', { transactionId: mine.transactionId }))
      .qs({ data: theirData })
      .loginAs(payer)
    await mine.refresh()
    assert.equal(mine.status, PaymentStatus.Pending)
    const [rejected] = await eventsOf(mine, PaymentEventType.CallbackRejected)
    assert.equal(rejected.data.reason, 'transaction id does not match this attempt')
    const page = await client.get(urlFor('rooms.show', { id: room.id })).loginAs(payer)
    assert.notInclude(page.text(), '9841999888')
  })

  test('a failure redirect after a success changes nothing', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)

    const failure = await client
      .get(urlFor('esewa.failure', { transactionId: payment.transactionId }))
      .loginAs(payer)
    failure.assertStatus(200)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    const replays = await eventsOf(payment, PaymentEventType.ReplayRejected)
    assert.match(String(replays.at(-1)!.data.reason), /failure redirect ignored/)
  })

  test('status API down: the payment stays pending, then the reconciler completes it', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    switches.set({ statusApi: 'down' })
    const successPath = await payInSandbox(client, payer, payment)
    const page = await client.get(successPath).loginAs(payer)
    page.assertTextIncludes('Still checking with eSewa')
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    const [response] = await eventsOf(payment, PaymentEventType.VerificationResponse)
    assert.equal(response.data.outcome, 'error')
    assert.equal(response.data.reason, 'HTTP 503')

    for (const mode of ['unavailable', 'malformed', 'forbidden'] as const) {
      switches.set({ statusApi: mode })
      await client.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
      await payment.refresh()
      assert.equal(payment.status, PaymentStatus.Pending, `after ${mode}`)
    }

    switches.set({ statusApi: 'ok' })
    const summary = await reconcile({ now: later(30) })
    assert.isTrue(summary.ran)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.lengthOf(await eventsOf(payment, PaymentEventType.Reconciled), 1)
  })

  test('eSewa PENDING, then COMPLETE later: unlocked when it completes, not before', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    switches.set({ outcome: 'pending' })
    const failurePath = await payInSandbox(client, payer, payment)
    assert.match(failurePath, /^\/esewa-failure\//)
    await client.get(failurePath).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.equal(
      (await eventsOf(payment, PaymentEventType.VerificationResponse))[0].data.outcome,
      'pending'
    )

    await completeInSandbox(payment.transactionId)
    await reconcile({ now: later(10) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
  })

  test('a refund revokes the unlock', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await setStatus(payment.transactionId, 'FULL_REFUND')

    // The refund watch asks eSewa again a day after payment.
    await reconcile({ now: DateTime.now().plus({ days: 1, minutes: 1 }) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Refunded)
    assert.isNotNull(payment.revokedAt)
    const page = await client.get(urlFor('rooms.show', { id: room.id })).loginAs(payer)
    assert.notInclude(page.text(), '9841999888')
    page.assertTextIncludes('data-testid="unlock-button"')
  })

  test('a canceled payment revokes the unlock through the webhook', async ({ client }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await setStatus(payment.transactionId, 'CANCELED')
    const response = await client
      .post(urlFor('esewa.webhook'))
      .json({ transaction_id: payment.transactionId })
    response.assertBody({ transactionId: payment.transactionId, status: 'canceled' })
  })

  test('AMBIGUOUS is flagged for an admin and stays pending', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    switches.set({ statusApi: 'down' })
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    switches.set({ statusApi: 'ok' })
    await setStatus(payment.transactionId, 'AMBIGUOUS')
    await reconcile({ now: later(30) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.match(payment.flagReason!, /AMBIGUOUS/)
    assert.lengthOf(await eventsOf(payment, PaymentEventType.Flagged), 1)
  })

  test('an attempt never paid expires once eSewa confirms it has no such payment', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await reconcile({ now: later(10) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending, 'not yet expired')

    await Payment.query()
      .where('id', payment.id)
      .update({ expiresAt: DateTime.now().minus({ minutes: 1 }).toJSDate() })
    await reconcile({ now: later(120) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Expired)
  })

  test('the webhook never trusts a status in its body and is safe to call again and again', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await client
        .post(urlFor('esewa.webhook'))
        .json({ transaction_id: payment.transactionId, status: 'COMPLETE', ref_id: '000HACK' })
      response.assertBody({ transactionId: payment.transactionId, status: 'pending' })
    }
    assert.lengthOf(await eventsOf(payment, PaymentEventType.WebhookReceived), 3)

    const unknown = await client
      .post(urlFor('esewa.webhook'))
      .json({ transaction_id: 'no-such-transaction' })
    unknown.assertStatus(404)
    const invalid = await client.post(urlFor('esewa.webhook')).json({ transaction_id: '<script>' })
    invalid.assertStatus(422)
  })
})

test.group('Payments / concurrent duplicate callbacks', (group) => {
  // Real concurrency needs real transactions: tables are truncated after each test instead.
  withEmptyTables(group)
  group.each.teardown(() => {
    switches.reset()
  })

  test('the same data ten times at once makes one success and one unlock', async ({
    client,
    assert,
    cleanup,
  }) => {
    // All ten are handled (past LIMIT_ESEWA_CALLBACK_PER_TRANSACTION they would only show the state).
    cleanup(setLimit('esewaCallbackPerTransaction', 10))
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const successPath = await payInSandbox(client, payer, payment)

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client.get(successPath).redirects(0))
    )
    for (const response of responses) assert.oneOf(response.status(), [200, 302])

    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    const changes = await eventsOf(payment, PaymentEventType.StatusChanged)
    assert.lengthOf(changes, 1)
    assert.lengthOf(await eventsOf(payment, PaymentEventType.CallbackReceived), 10)
    assert.isAtLeast((await eventsOf(payment, PaymentEventType.ReplayRejected)).length, 9)
    const unlocks = await Payment.query()
      .where('clientId', payer.id)
      .where('roomId', room.id)
      .where('status', 'complete')
    assert.lengthOf(unlocks, 1)
  })

  test('the database allows one successful unlock per client and room', async ({ assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const unlock = (transactionId: string) =>
      PaymentFactory.apply('complete')
        .merge({ transactionId, clientId: payer.id, ownerId: room.ownerId, roomId: room.id })
        .create()
    await unlock('first-attempt')
    await assert.rejects(() => unlock('second-attempt'), /payments_one_unlock_per_client_room/)
  })

  test('the audit trail is append-only', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await assert.rejects(
      () => db.from('payment_events').where('payment_id', payment.id).update({ type: 'edited' }),
      /append-only/
    )
    await assert.rejects(
      () => db.from('payment_events').where('payment_id', payment.id).delete(),
      /append-only/
    )
  })
})

test.group('Payments / ePay v1 (legacy merchant)', (group) => {
  withRollback(group)
  group.each.setup(() => {
    esewaConfig.gateway = 'v1'
    return () => {
      esewaConfig.gateway = 'v2'
      switches.reset()
    }
  })

  test('a v1 payment is verified through transrec and unlocks', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    assert.equal(payment.gateway, 'esewa_v1')
    const successPath = await payInSandbox(client, payer, payment)
    assert.match(successPath, /oid=.*&amt=30&refId=/)
    await client.get(successPath).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    const [response] = await eventsOf(payment, PaymentEventType.VerificationResponse)
    assert.deepInclude(response.data.request as object, { method: 'POST' })
    assert.equal((response.data.request as { form: { amt: string } }).form.amt, '30')
  })

  test('a v1 payer who changes the amount to Rs. 1 unlocks nothing', async ({ client, assert }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const successPath = await payInSandbox(client, payer, payment, {
      tamper: (fields) => {
        fields.amt = '1'
        fields.tAmt = '1'
      },
    })
    assert.match(successPath, /amt=1&/)
    await client.get(successPath).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    const [rejected] = await eventsOf(payment, PaymentEventType.CallbackRejected)
    assert.match(String(rejected.data.reason), /amount differs/)
    const [response] = await eventsOf(payment, PaymentEventType.VerificationResponse)
    assert.equal(response.data.outcome, 'not_found')
    assert.equal((response.data.request as { form: { amt: string } }).form.amt, '30')
  })
})

test.group('Payments / who may do what', (group) => {
  withRollback(group)

  test('only clients start unlocks; owners, visitors and unavailable rooms are refused', async ({
    client,
  }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const asOwner = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: room.id })
      .header('accept', 'application/json')
      .loginAs(owner)
      .withCsrfToken()
    asOwner.assertStatus(403)
    const asVisitor = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: room.id })
      .header('accept', 'application/json')
      .withCsrfToken()
      .redirects(0)
    asVisitor.assertStatus(401)
    const missing = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: 987654 })
      .header('accept', 'application/json')
      .loginAs(payer)
      .withCsrfToken()
    missing.assertStatus(404)
    const invalid = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: 'abc' })
      .header('accept', 'application/json')
      .loginAs(payer)
      .withCsrfToken()
    invalid.assertStatus(422)
    await room.merge({ status: 'rented' as never }).save()
    const rented = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: room.id })
      .header('accept', 'application/json')
      .loginAs(payer)
      .withCsrfToken()
    rented.assertStatus(403)
  })

  test("a payment's pages and status are its client's alone", async ({ client }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const other = await UserFactory.create()
    const { payment } = await startUnlock(client, payer, room)
    for (const user of [other, owner]) {
      ;(
        await client
          .get(urlFor('payments.status', { transactionId: payment.transactionId }))
          .loginAs(user)
      ).assertStatus(403)
      ;(
        await client
          .get(urlFor('payments.redirect', { transactionId: payment.transactionId }))
          .loginAs(user)
      ).assertStatus(403)
      ;(
        await client
          .get(urlFor('payments.show', { transactionId: payment.transactionId }))
          .loginAs(user)
      ).assertStatus(403)
    }
    ;(
      await client.get(urlFor('payments.status', { transactionId: payment.transactionId }))
    ).assertStatus(401)
    const mine = await client
      .get(urlFor('payments.status', { transactionId: payment.transactionId }))
      .loginAs(payer)
    mine.assertBodyContains({ payment: { status: 'pending', state: 'waiting' } })
  })

  test('a client who already unlocked the room cannot pay again', async ({ client }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    const again = await client
      .post(urlFor('payments.intent'))
      .json({ room_id: room.id })
      .header('accept', 'application/json')
      .loginAs(payer)
      .withCsrfToken()
    again.assertStatus(409)
    again.assertBodyContains({ error: { code: 'E_ALREADY_UNLOCKED' } })
  })

  test('the QR link works once, on a phone without a login, and not after it expires', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment, body } = await startUnlock(client, payer, room)
    const path = new URL(body.qr.url).pathname
    const first = await client.get(path)
    first.assertStatus(200)
    first.assertTextIncludes(payment.transactionId)
    const second = await client.get(path)
    second.assertStatus(410)
    second.assertTextIncludes('already used')

    const { body: fresh } = await startUnlock(client, payer, room)
    await Payment.query()
      .where('transactionId', fresh.payment.transactionId)
      .update({ checkoutExpiresAt: DateTime.now().minus({ minutes: 1 }).toJSDate() })
    const expired = await client.get(new URL(fresh.qr.url).pathname)
    expired.assertStatus(410)
    expired.assertTextIncludes('expired')
    assert.lengthOf(await eventsOf(payment, PaymentEventType.CheckoutLinkOpened), 1)
  })

  test('a room with paid unlocks cannot be deleted, only marked rented', async ({
    client,
    assert,
  }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    const response = await client
      .delete(urlFor('owner.rooms.destroy', { id: room.id }))
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage(
      'error',
      'Clients have paid to unlock this room, so it cannot be deleted. Mark it as rented instead.'
    )
    assert.isNotNull(await room.refresh())
  })
})

test.group('Payments / operations', (group) => {
  withRollback(group)
  group.each.teardown(() => {
    switches.reset()
  })

  test('a status API slower than ESEWA_TIMEOUT_MS leaves the payment pending', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const timeout = esewaConfig.timeoutMs
    esewaConfig.timeoutMs = 300
    cleanup(() => {
      esewaConfig.timeoutMs = timeout
    })
    switches.set({ statusApi: 'slow', slowMs: 800 })
    // Let the sandbox finish its slow answer before the test's database goes away.
    cleanup(() => new Promise((resolve) => setTimeout(resolve, 900)))
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    const [response] = await eventsOf(payment, PaymentEventType.VerificationResponse)
    assert.equal(response.data.reason, 'timeout')
  })

  test('`node ace payments:reconcile` settles what eSewa completed later', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    switches.set({ outcome: 'pending' })
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await completeInSandbox(payment.transactionId)
    await Payment.query()
      .where('id', payment.id)
      .update({
        createdAt: DateTime.now().minus({ minutes: 10 }).toJSDate(),
        nextCheckAt: DateTime.now().minus({ minutes: 1 }).toJSDate(),
      })

    ace.ui.switchMode('raw')
    const command = await ace.create(PaymentsReconcile, [])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(
      new RegExp(`${payment.transactionId}: eSewa said complete, payment is complete`)
    )
    ace.ui.switchMode('normal')
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)

    const show = await ace.create(PaymentsShow, [payment.transactionId])
    ace.ui.switchMode('raw')
    await show.exec()
    show.assertSucceeded()
    show.assertLogMatches(/status_changed/)
    ace.ui.switchMode('normal')
  })
})
