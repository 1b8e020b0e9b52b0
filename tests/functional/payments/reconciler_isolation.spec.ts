import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType as E } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import type { GatewayStatus } from '#payments/gateways/payment_gateway'
import { PaymentFactory } from '#database/factories/payment_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import {
  ScriptedGateways,
  completeWith,
  eventsOf,
  givenDueAttempts,
  reconcile,
} from '#tests/helpers/payments'

const later = (minutes: number) => DateTime.now().plus({ minutes })

test.group('Payments / the reconciler checks each payment on its own', (group) => {
  withFreshLimits(group)
  withRollback(group)
  group.each.teardown(() => app.container.restore(PaymentGateways))

  test('poisoned answers in the middle of good ones: the others still settle, each poison is flagged', async ({
    assert,
  }) => {
    const { owner, client, payments } = await givenDueAttempts(8)
    // Another payment (another room of the same client) already holds eSewa's reference HELD001.
    const otherRoom = await RoomFactory.merge({ ownerId: owner.id }).create()
    const holder = await PaymentFactory.apply('complete')
      .merge({
        clientId: client.id,
        ownerId: owner.id,
        roomId: otherRoom.id,
        nextCheckAt: later(60 * 24),
      })
      .create()
    await holder.merge({ esewaRefId: 'HELD001' }).save()

    const [good1, longRef, good2, takenRef, throws, nullAnswer, oddRef, good3] = payments
    const script = new Map<string, GatewayStatus | (() => GatewayStatus)>([
      [good1.transactionId, completeWith('0001AAA')],
      [longRef.transactionId, completeWith('L'.repeat(33))],
      [good2.transactionId, completeWith('0002BBB')],
      [takenRef.transactionId, completeWith('HELD001')],
      [
        throws.transactionId,
        () => {
          throw new Error('socket hang up in a broken client library')
        },
      ],
      [nullAnswer.transactionId, () => null as unknown as GatewayStatus],
      [oddRef.transactionId, completeWith("0003C'; DROP TABLE payments;--")],
      [good3.transactionId, completeWith('0004DDD')],
    ])
    const gateways = new ScriptedGateways(script)
    app.container.swap(PaymentGateways, () => gateways)

    const summary = await reconcile({ now: later(1) })
    assert.isTrue(summary.ran)
    assert.equal(summary.checked, 8)
    assert.equal(summary.failed, 2)
    assert.equal(summary.changed, 3)
    assert.deepEqual(
      gateways.asked,
      payments.map((payment) => payment.transactionId)
    )
    const failed = summary.results.filter((result) => result.outcome === 'failed')
    assert.deepEqual(
      failed.map((result) => result.transactionId),
      [throws.transactionId, nullAnswer.transactionId]
    )

    for (const [payment, refId] of [
      [good1, '0001AAA'],
      [good2, '0002BBB'],
      [good3, '0004DDD'],
    ] as const) {
      await payment.refresh()
      assert.equal(payment.status, PaymentStatus.Complete)
      assert.equal(payment.esewaRefId, refId)
      assert.isNull(payment.flagReason)
    }

    // Unusable references: pending, nothing stored, flagged, asked again later.
    for (const payment of [longRef, oddRef]) {
      await payment.refresh()
      assert.equal(payment.status, PaymentStatus.Pending)
      assert.isNull(payment.esewaRefId)
      assert.match(payment.flagReason!, /^eSewa reports COMPLETE with an unusable ref_id/)
      assert.isTrue(payment.nextCheckAt! > DateTime.now())
      assert.lengthOf(await eventsOf(payment, E.StatusChanged), 0)
    }
    assert.include(longRef.flagReason!, '33 characters long, at most 32')
    assert.include(oddRef.flagReason!, 'not only letters and digits')

    // A reference stored on another payment: both ids in both trails, the holder untouched.
    await takenRef.refresh()
    assert.equal(takenRef.status, PaymentStatus.Pending)
    assert.isNull(takenRef.esewaRefId)
    assert.include(takenRef.flagReason!, `already stored on payment ${holder.transactionId}`)
    const [flag] = await eventsOf(takenRef, E.Flagged)
    assert.deepInclude(flag.data, {
      paymentId: takenRef.id,
      storedOnPaymentId: holder.id,
      refId: 'HELD001',
    })
    const [holderSide] = await eventsOf(holder, E.RefIdConflict)
    assert.deepInclude(holderSide.data, { paymentId: takenRef.id, storedOnPaymentId: holder.id })
    await holder.refresh()
    assert.equal(holder.status, PaymentStatus.Complete)
    assert.equal(holder.esewaRefId, 'HELD001')

    // A check that threw: recorded, flagged with the reason, backed off; status unchanged.
    for (const payment of [throws, nullAnswer]) {
      await payment.refresh()
      assert.equal(payment.status, PaymentStatus.Pending)
      assert.match(payment.flagReason!, /^the reconciler could not check this payment: /)
      const [failure] = await eventsOf(payment, E.ReconcileFailed)
      assert.equal(failure.data.status, 'pending')
      assert.isTrue(payment.nextCheckAt! > later(1))
    }
    assert.include(throws.flagReason!, 'socket hang up in a broken client library')
    assert.include(nullAnswer.flagReason!, 'TypeError')
  })

  test('the next runs go on too: a poison is asked again with back-off, and flagged once', async ({
    assert,
  }) => {
    const { payments } = await givenDueAttempts(3)
    const [first, poisoned, last] = payments
    const gateways = new ScriptedGateways(
      new Map<string, GatewayStatus | (() => GatewayStatus)>([
        [
          poisoned.transactionId,
          () => {
            throw new Error('boom')
          },
        ],
        [last.transactionId, completeWith('0009ZZZ')],
      ])
    )
    app.container.swap(PaymentGateways, () => gateways)

    const firstRun = await reconcile({ now: later(1) })
    assert.equal(firstRun.failed, 1)
    await poisoned.refresh()
    const backedOff = poisoned.nextCheckAt!
    const secondRun = await reconcile({ now: backedOff.plus({ minutes: 1 }) })
    assert.equal(secondRun.failed, 1)
    await poisoned.refresh()
    assert.isTrue(poisoned.nextCheckAt! > backedOff, 'waits longer after the second failure')
    assert.lengthOf(await eventsOf(poisoned, E.ReconcileFailed), 2)
    assert.lengthOf(await eventsOf(poisoned, E.Flagged), 1)

    await last.refresh()
    assert.equal(last.status, PaymentStatus.Complete)
    await first.refresh()
    assert.equal(first.status, PaymentStatus.Pending)
    assert.isNull(first.flagReason)
    assert.equal((await Payment.findOrFail(poisoned.id)).status, PaymentStatus.Pending)
  })
})
