import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Payment from '#models/payment'
import Conversation from '#models/conversation'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { switches } from '#dev/esewa_sandbox/sandbox'
import { withFreshLimits } from '#tests/helpers/limits'
import { eventsOf, givenPaidTwice } from '#tests/helpers/payments'
import { withEmptyTables } from '#tests/helpers/app'

test.group('Payments / two paid attempts for one room, settled at once', (group) => {
  withFreshLimits(group)
  // Real concurrency needs real transactions: tables are truncated after each test instead.
  withEmptyTables(group)
  group.each.teardown(() => {
    switches.reset()
  })

  test('both redirects at the same moment: one unlock, one duplicate flagged for a refund, no 500', async ({
    client,
    assert,
  }) => {
    for (let round = 0; round < 4; round++) {
      const { payer, room, attempts, successPaths } = await givenPaidTwice(client)
      const responses = await Promise.all(
        successPaths.map((path) => client.get(path).loginAs(payer).redirects(0))
      )
      for (const response of responses) assert.oneOf(response.status(), [200, 302])

      const settled = await Payment.query()
        .whereIn(
          'id',
          attempts.map((attempt) => attempt.id)
        )
        .orderBy('paidAt')
      assert.sameMembers(
        settled.map((payment) => payment.status),
        [PaymentStatus.Complete, PaymentStatus.Duplicate],
        `round ${round}`
      )
      const [complete, duplicate] = [
        settled.find((payment) => payment.isComplete)!,
        settled.find((payment) => payment.status === PaymentStatus.Duplicate)!,
      ]
      assert.match(duplicate.flagReason!, /refund this payment/)
      assert.isNull(complete.flagReason)
      const [moved] = await eventsOf(duplicate, PaymentEventType.StatusChanged)
      assert.include(String(moved.data.reason), complete.transactionId)

      const conversations = await Conversation.query()
        .where('roomId', room.id)
        .where('clientId', payer.id)
      assert.lengthOf(conversations, 1)
      assert.equal(conversations[0].openedByPaymentId, complete.id)

      const page = await client.get(urlFor('rooms.show', { id: room.id })).loginAs(payer)
      page.assertTextIncludes('data-testid="owner-phone"')
    }
  })

  test('two webhooks at once for the two attempts: the same, and a stranger sees nothing', async ({
    client,
    assert,
  }) => {
    const { payer, room, attempts } = await givenPaidTwice(client)
    const responses = await Promise.all(
      attempts.map((attempt) =>
        client.post(urlFor('esewa.webhook')).json({ transaction_id: attempt.transactionId })
      )
    )
    for (const response of responses) response.assertStatus(200)
    assert.sameMembers(
      responses.map((response) => response.body().status),
      [PaymentStatus.Complete, PaymentStatus.Duplicate]
    )
    const unlocks = await Payment.query()
      .where('clientId', payer.id)
      .where('roomId', room.id)
      .where('status', PaymentStatus.Complete)
    assert.lengthOf(unlocks, 1)

    // The webhook's answer tells a stranger only the status, never whose payment it is.
    for (const response of responses) {
      assert.deepEqual(Object.keys(response.body()).sort(), ['status', 'transactionId'])
    }
  })
})
