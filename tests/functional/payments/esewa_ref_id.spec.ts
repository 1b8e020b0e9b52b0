import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType as E } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import { withRollback, withEmptyTables } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { replayEsewaAnswers } from '#tests/helpers/esewa_fixtures'
import {
  ScriptedGateways,
  completeWith,
  eventsOf,
  givenClientAndRoom,
  startUnlock,
} from '#tests/helpers/payments'

/** eSewa's status API answering COMPLETE for Rs. 30 with this ref_id (as JSON text). */
function completeAnswer(payment: Payment, refId: unknown) {
  const body = JSON.stringify({
    product_code: payment.productCode,
    transaction_uuid: payment.transactionId,
    total_amount: 30,
    status: 'COMPLETE',
    ref_id: refId,
  })
  return {
    description: 'COMPLETE',
    httpStatus: 200,
    body: body.replace('"total_amount":30', '"total_amount":30.0'),
  }
}

function webhook(http: ApiClient, payment: Payment) {
  return http.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
}

test.group('Payments / eSewa references are checked before they are stored', (group) => {
  withFreshLimits(group)
  withRollback(group)
  group.each.teardown(() => app.container.restore(PaymentGateways))

  test('COMPLETE with a ref_id too long or not alphanumeric: 200, pending, flagged; a good one then unlocks', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const replay = replayEsewaAnswers([
      completeAnswer(payment, 'R'.repeat(40)),
      completeAnswer(payment, '000<script>'),
      completeAnswer(payment, '0007G36'),
    ])
    cleanup(() => replay.restore())

    for (const expected of ['40 characters long', 'not only letters and digits']) {
      const response = await webhook(client, payment)
      response.assertStatus(200)
      response.assertBody({ transactionId: payment.transactionId, status: 'pending' })
      await payment.refresh()
      assert.isNull(payment.esewaRefId)
      assert.include(payment.flagReason!, expected)
      // The payer's own pages still answer, and say nothing was unlocked.
      const status = await client
        .get(urlFor('payments.status', { transactionId: payment.transactionId }))
        .loginAs(payer)
      status.assertStatus(200)
      assert.equal(status.body().payment.status, 'pending')
    }
    const flags = await eventsOf(payment, E.Flagged)
    assert.deepEqual(
      flags.map((flag) => flag.data.refId),
      ['R'.repeat(40), '000<script>']
    )

    ;(await webhook(client, payment)).assertBody({
      transactionId: payment.transactionId,
      status: 'complete',
    })
    await payment.refresh()
    assert.equal(payment.esewaRefId, '0007G36')
  })

  test('a ref_id stored on another payment: 200, pending, flagged with both ids; the other client learns nothing', async ({
    client,
    assert,
  }) => {
    const first = await givenClientAndRoom()
    const second = await givenClientAndRoom()
    const { payment: holder } = await startUnlock(client, first.client, first.room)
    const { payment: claimant } = await startUnlock(client, second.client, second.room)
    const gateways = new ScriptedGateways(
      new Map([
        [holder.transactionId, completeWith('0007G36')],
        [claimant.transactionId, completeWith('0007G36')],
      ])
    )
    app.container.swap(PaymentGateways, () => gateways)

    ;(await webhook(client, holder)).assertBody({
      transactionId: holder.transactionId,
      status: 'complete',
    })
    const response = await webhook(client, claimant)
    response.assertStatus(200)
    response.assertBody({ transactionId: claimant.transactionId, status: 'pending' })

    await claimant.refresh()
    assert.equal(claimant.status, PaymentStatus.Pending)
    assert.isNull(claimant.esewaRefId)
    assert.include(claimant.flagReason!, `already stored on payment ${holder.transactionId}`)
    const [conflict] = await eventsOf(claimant, E.RefIdConflict)
    assert.deepInclude(conflict.data, { paymentId: claimant.id, storedOnPaymentId: holder.id })
    const [onHolder] = await eventsOf(holder, E.RefIdConflict)
    assert.deepInclude(onHolder.data, { paymentId: claimant.id, storedOnPaymentId: holder.id })
    await holder.refresh()
    assert.equal(holder.status, PaymentStatus.Complete)
    assert.isNull(holder.flagReason)

    // Asked again: still pending, flagged once, the trails not repeated.
    ;(await webhook(client, claimant)).assertStatus(200)
    assert.lengthOf(await eventsOf(claimant, E.RefIdConflict), 1)
    assert.lengthOf(await eventsOf(holder, E.RefIdConflict), 1)

    // Neither client's pages show anything of the other payment.
    const claimantView = await client
      .get(urlFor('payments.status', { transactionId: claimant.transactionId }))
      .loginAs(second.client)
    claimantView.assertStatus(200)
    assert.notInclude(claimantView.text(), holder.transactionId)
    assert.notInclude(claimantView.text(), '0007G36')
    const room = await client
      .get(urlFor('rooms.show', { id: second.room.id }))
      .loginAs(second.client)
    assert.notInclude(room.text(), 'data-testid="owner-phone"')
    // And the holder's payment is its own client's alone.
    ;(
      await client
        .get(urlFor('payments.status', { transactionId: holder.transactionId }))
        .loginAs(second.client)
    ).assertStatus(403)
  })
})

test.group('Payments / one eSewa reference for two payments at the same moment', (group) => {
  withFreshLimits(group)
  // Real concurrency needs real transactions: tables are truncated after each test instead.
  withEmptyTables(group)
  group.each.teardown(() => app.container.restore(PaymentGateways))

  test('one stores it, the other is flagged and stays pending, no 500', async ({
    client,
    assert,
  }) => {
    for (let round = 0; round < 3; round++) {
      const first = await givenClientAndRoom()
      const second = await givenClientAndRoom()
      const payments = [
        (await startUnlock(client, first.client, first.room)).payment,
        (await startUnlock(client, second.client, second.room)).payment,
      ]
      const refId = `SAME00${round}`
      app.container.swap(
        PaymentGateways,
        () =>
          new ScriptedGateways(
            new Map(payments.map((payment) => [payment.transactionId, completeWith(refId)]))
          )
      )
      const responses = await Promise.all(payments.map((payment) => webhook(client, payment)))
      for (const response of responses) response.assertStatus(200)
      assert.sameMembers(
        responses.map((response) => response.body().status),
        ['complete', 'pending']
      )
      const stored = await Payment.query().where('esewaRefId', refId)
      assert.lengthOf(stored, 1)
      const other = payments.find((payment) => payment.id !== stored[0].id)!
      await other.refresh()
      assert.include(other.flagReason!, `already stored on payment ${stored[0].transactionId}`)
    }
  })
})
