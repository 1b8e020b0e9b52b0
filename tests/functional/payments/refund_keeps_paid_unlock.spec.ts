import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import Payment from '#models/payment'
import type Room from '#models/room'
import type User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType as E } from '#payments/enums/payment_event_type'
import { setStatus, switches } from '#dev/esewa_sandbox/sandbox'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { conversationOf } from '#tests/helpers/chat'
import { eventsOf, givenPaidTwice, reconcile } from '#tests/helpers/payments'

/**
 * A client who paid twice for one room: the first payment is the unlock,
 * the second a duplicate waiting for its refund.
 */
async function givenUnlockAndDuplicate(http: ApiClient) {
  const paid = await givenPaidTwice(http)
  for (const path of paid.successPaths) await http.get(path).loginAs(paid.payer)
  const [unlock, duplicate] = paid.attempts
  await unlock.refresh()
  await duplicate.refresh()
  return { ...paid, unlock, duplicate }
}

/** What `user` can reach of the room's owner: the phone on the room page, the chat. */
async function reach(http: ApiClient, user: User, room: Room, conversationId: number) {
  const page = await http.get(urlFor('rooms.show', { id: room.id })).loginAs(user)
  const chat = await http.get(urlFor('chat.show', { id: conversationId })).loginAs(user)
  return { phone: page.text().includes('data-testid="owner-phone"'), chat: chat.status() }
}

function webhook(http: ApiClient, payment: Payment) {
  return http.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
}

test.group('Payments / a refund and another paid attempt of the same room', (group) => {
  withFreshLimits(group)
  withRollback(group)
  group.each.teardown(() => {
    switches.reset()
  })

  test('refunding the unlock of a client who also paid a duplicate keeps the room and the chat open', async ({
    client,
    assert,
  }) => {
    const { payer, owner, room, unlock, duplicate } = await givenUnlockAndDuplicate(client)
    assert.equal(unlock.status, PaymentStatus.Complete)
    assert.equal(duplicate.status, PaymentStatus.Duplicate)
    const conversation = await conversationOf(room, payer)

    await setStatus(unlock.transactionId, 'FULL_REFUND')
    ;(await webhook(client, unlock)).assertBody({
      transactionId: unlock.transactionId,
      status: 'refunded',
    })

    await duplicate.refresh()
    assert.equal(duplicate.status, PaymentStatus.Complete)
    assert.equal((await Payment.unlockOf(payer.id, room.id))?.id, duplicate.id)
    assert.include(duplicate.flagReason!, 'do not refund this payment')
    const [, takeOver] = await eventsOf(duplicate, E.StatusChanged)
    assert.deepInclude(takeOver.data, { from: 'duplicate', to: 'complete', source: 'webhook' })
    assert.include(String(takeOver.data.reason), unlock.transactionId)
    const [handedOver] = await eventsOf(unlock, E.UnlockHandedOver)
    assert.deepInclude(handedOver.data, { toPaymentId: duplicate.id })
    // eSewa is asked about the new unlock at the next reconciler run.
    assert.isTrue(duplicate.nextCheckAt! <= DateTime.now())

    assert.deepEqual(await reach(client, payer, room, conversation.id), { phone: true, chat: 200 })
    assert.equal((await reach(client, owner, room, conversation.id)).chat, 200)
    // Wrong personas: another client of the same room, and one who never paid.
    const stranger = await UserFactory.create()
    assert.deepEqual(await reach(client, stranger, room, conversation.id), {
      phone: false,
      chat: 403,
    })

    // Then the duplicate is refunded too: nothing stands, the room and the chat close.
    await setStatus(duplicate.transactionId, 'FULL_REFUND')
    const summary = await reconcile({ now: DateTime.now().plus({ minutes: 1 }) })
    assert.deepInclude(summary.results, {
      transactionId: duplicate.transactionId,
      outcome: 'full_refund',
      status: PaymentStatus.Refunded,
      changed: true,
    })
    assert.isNull(await Payment.unlockOf(payer.id, room.id))
    assert.deepEqual(await reach(client, payer, room, conversation.id), {
      phone: false,
      chat: 403,
    })
    assert.equal((await reach(client, owner, room, conversation.id)).chat, 403)
  })

  test('a duplicate refunded by an admin is seen by the refund watch, and the unlock stays', async ({
    client,
    assert,
  }) => {
    const { payer, room, unlock, duplicate } = await givenUnlockAndDuplicate(client)
    const conversation = await conversationOf(room, payer)
    // Watched like an unlock: asked again a day after it was paid.
    assert.isNotNull(duplicate.nextCheckAt)

    await setStatus(duplicate.transactionId, 'FULL_REFUND')
    await reconcile({ now: DateTime.now().plus({ days: 1, minutes: 1 }) })
    await duplicate.refresh()
    assert.equal(duplicate.status, PaymentStatus.Refunded)
    await unlock.refresh()
    assert.equal(unlock.status, PaymentStatus.Complete)
    assert.lengthOf(await eventsOf(unlock, E.UnlockHandedOver), 0)
    assert.deepEqual(await reach(client, payer, room, conversation.id), { phone: true, chat: 200 })

    // And now the unlock itself is refunded: nothing stands any more.
    await setStatus(unlock.transactionId, 'FULL_REFUND')
    ;(await webhook(client, unlock)).assertBody({
      transactionId: unlock.transactionId,
      status: 'refunded',
    })
    assert.deepEqual(await reach(client, payer, room, conversation.id), {
      phone: false,
      chat: 403,
    })
  })

  test('with one unlock and no duplicate, a refund still locks the client out', async ({
    client,
    assert,
  }) => {
    const { payer, room, attempts, successPaths } = await givenPaidTwice(client)
    // Only the first attempt comes back; the second was never paid after all.
    await client.get(successPaths[0]).loginAs(payer)
    await setStatus(attempts[1].transactionId, 'CANCELED')
    await setStatus(attempts[0].transactionId, 'CANCELED')
    ;(await webhook(client, attempts[0])).assertBody({
      transactionId: attempts[0].transactionId,
      status: 'canceled',
    })
    await attempts[1].refresh()
    assert.equal(attempts[1].status, PaymentStatus.Pending)
    assert.isNull(await Payment.unlockOf(payer.id, room.id))
  })
})
