import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Payment from '#models/payment'
import Conversation from '#models/conversation'
import esewaConfig from '#config/esewa'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType as E } from '#payments/enums/payment_event_type'
import { PaymentFactory } from '#database/factories/payment_factory'
import { withRollback } from '#tests/helpers/app'
import { eventTypes, eventsOf, givenClientAndRoom } from '#tests/helpers/payments'
import {
  FIXTURE_TRANSACTION_ID,
  esewaFixture,
  replayEsewaAnswers,
} from '#tests/helpers/esewa_fixtures'

/** The recorded attempt: the fixtures' transaction, for the story's client and room. */
async function givenRecordedAttempt(gateway: 'esewa_v1' | 'esewa_v2') {
  const { room, client: payer } = await givenClientAndRoom()
  const payment = await PaymentFactory.merge({
    transactionId: FIXTURE_TRANSACTION_ID,
    gateway,
    clientId: payer.id,
    ownerId: room.ownerId,
    roomId: room.id,
  }).create()
  return { room, payer, payment }
}

/** Unlocks of this room by this client: complete payments. */
const unlocksOf = (payment: Payment) =>
  Payment.query()
    .where('clientId', payment.clientId)
    .where('roomId', payment.roomId)
    .where('status', PaymentStatus.Complete)

test.group('Payments / recorded eSewa v2 deliveries, replayed in order', (group) => {
  withRollback(group)

  test('duplicates and out-of-order redirects make one unlock, with the trail to show it', async ({
    client,
    assert,
    cleanup,
  }) => {
    assert.equal(esewaConfig.productCode, 'EPAYTEST', 'fixtures are recorded for UAT')
    const { payment } = await givenRecordedAttempt('esewa_v2')
    const fixture = (name: string) => esewaFixture('v2', name)
    const replay = replayEsewaAnswers(
      [
        '02_status_pending',
        '03_status_not_found',
        '04_status_complete',
        '05_status_ambiguous',
        '06_status_error',
        '07_status_full_refund',
        '08_status_canceled',
      ].map(fixture)
    )
    cleanup(() => replay.restore())
    const success = urlFor('esewa.success', { transactionId: payment.transactionId })
    const failure = urlFor('esewa.failure', { transactionId: payment.transactionId })
    const webhook = () =>
      client.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
    const statusNow = async () => (await payment.refresh()).status

    // The payer comes back before eSewa has settled: PENDING, then NOT_FOUND.
    ;(await client.get(success).qs(fixture('01_success_redirect').query!)).assertStatus(200)
    assert.equal(await statusNow(), PaymentStatus.Pending)
    ;(await webhook()).assertBody({ transactionId: payment.transactionId, status: 'pending' })

    // The same redirect again: now eSewa says COMPLETE.
    ;(await client.get(success).qs(fixture('01_success_redirect').query!)).assertStatus(200)
    assert.equal(await statusNow(), PaymentStatus.Complete)
    assert.equal(payment.esewaRefId, '000AWEO')

    // Replayed once more, then a failure redirect after the success: nothing is asked or undone.
    await client.get(success).qs(fixture('01_success_redirect').query!)
    ;(await client.get(failure).qs(fixture('09_failure_redirect').query!)).assertStatus(200)
    assert.equal(await statusNow(), PaymentStatus.Complete)
    assert.equal(replay.remaining(), 4)

    // AMBIGUOUS is flagged, an error answer only counted: the unlock stands.
    await webhook()
    await webhook()
    assert.equal(await statusNow(), PaymentStatus.Complete)
    assert.match(payment.flagReason!, /AMBIGUOUS/)
    assert.lengthOf(await unlocksOf(payment), 1)
    assert.lengthOf(await Conversation.query().where('openedByPaymentId', payment.id), 1)

    // A refund revokes it; a later CANCELED is not even asked about.
    ;(await webhook()).assertBody({ transactionId: payment.transactionId, status: 'refunded' })
    ;(await webhook()).assertBody({ transactionId: payment.transactionId, status: 'refunded' })
    assert.equal(replay.remaining(), 1)
    assert.lengthOf(await unlocksOf(payment), 0)

    assert.deepEqual(await eventTypes(payment), [
      ...[E.CallbackReceived, E.RedirectVerified, E.VerificationRequested, E.VerificationResponse],
      ...[E.WebhookReceived, E.VerificationRequested, E.VerificationResponse],
      ...[E.CallbackReceived, E.RedirectVerified, E.VerificationRequested, E.VerificationResponse],
      E.StatusChanged,
      ...[E.CallbackReceived, E.RedirectVerified, E.ReplayRejected],
      ...[E.CallbackReceived, E.ReplayRejected],
      ...[E.WebhookReceived, E.VerificationRequested, E.VerificationResponse, E.Flagged],
      ...[E.WebhookReceived, E.VerificationRequested, E.VerificationResponse],
      ...[E.WebhookReceived, E.VerificationRequested, E.VerificationResponse, E.StatusChanged],
      E.WebhookReceived,
    ])
    const changes = await eventsOf(payment, E.StatusChanged)
    assert.deepEqual(
      changes.map((event) => [event.data.from, event.data.to, event.data.source]),
      [
        ['pending', 'complete', 'success_redirect'],
        ['complete', 'refunded', 'webhook'],
      ]
    )
    const replays = await eventsOf(payment, E.ReplayRejected)
    assert.deepEqual(
      replays.map((event) => event.data.reason),
      [
        'already complete with this eSewa reference',
        'failure redirect ignored: payment is complete',
      ]
    )
    const errors = await eventsOf(payment, E.VerificationResponse)
    assert.equal(errors[4].data.reason, 'HTTP 400')
    assert.deepInclude(replay.asked[0].params as object, {
      transaction_uuid: FIXTURE_TRANSACTION_ID,
      total_amount: '30',
      product_code: 'EPAYTEST',
    })
  })
})

test.group('Payments / recorded eSewa v1 deliveries, replayed in order', (group) => {
  withRollback(group)

  test('transrec decides: the redirect replayed twice and a late failure make one unlock', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { payment } = await givenRecordedAttempt('esewa_v1')
    const fixture = (name: string) => esewaFixture('v1', name)
    const replay = replayEsewaAnswers([
      fixture('02_transrec_failure'),
      fixture('03_transrec_success'),
    ])
    cleanup(() => replay.restore())
    const success = urlFor('esewa.success', { transactionId: payment.transactionId })
    const failure = urlFor('esewa.failure', { transactionId: payment.transactionId })

    await client.get(success).qs(fixture('01_success_redirect').query!)
    assert.equal((await payment.refresh()).status, PaymentStatus.Pending)
    await client.get(success).qs(fixture('01_success_redirect').query!)
    assert.equal((await payment.refresh()).status, PaymentStatus.Complete)
    await client.get(success).qs(fixture('01_success_redirect').query!)
    await client.get(failure).qs(fixture('04_failure_redirect').query!)

    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.equal(payment.esewaRefId, '0008XJP')
    assert.equal(replay.remaining(), 0)
    assert.lengthOf(await unlocksOf(payment), 1)
    assert.lengthOf(await eventsOf(payment, E.StatusChanged), 1)
    assert.lengthOf(await eventsOf(payment, E.ReplayRejected), 2)
    assert.include(String(replay.asked[1].data), 'rid=0008XJP')
  })
})
