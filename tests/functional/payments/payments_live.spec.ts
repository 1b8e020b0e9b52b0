import { test } from '@japa/runner'
import { PaymentStatus } from '#payments/enums/payment_status'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { givenClientAndRoom, payInSandbox, startUnlock } from '#tests/helpers/payments'
import { HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import { UserFactory } from '#database/factories/user_factory'

test.group('Payments / live over real server-sent events', (group) => {
  withRollback(group)

  test('the owner hears of the unlock and the paying client of the status, as it happens', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)

    const ownerStream = new SseSubscriber(await HttpSession.loggedInAs(owner.email, TEST_PASSWORD))
    cleanup(() => ownerStream.close())
    assert.equal(await ownerStream.open(), 200)
    assert.equal(await ownerStream.subscribe(`users/${owner.id}`), 204)

    const payerStream = new SseSubscriber(await HttpSession.loggedInAs(payer.email, TEST_PASSWORD))
    cleanup(() => payerStream.close())
    assert.equal(await payerStream.open(), 200)
    assert.equal(await payerStream.subscribe(`payments/${payment.transactionId}`), 204)

    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)

    const unlocked = await ownerStream.next(
      `users/${owner.id}`,
      (payload) => payload.type === 'room.unlocked'
    )
    assert.deepInclude(unlocked, {
      roomId: room.id,
      roomTitle: room.title,
      clientFirstName: 'Bishal',
      amount: 'Rs. 30',
    })
    assert.notProperty(unlocked, 'phone')
    const status = await payerStream.next(`payments/${payment.transactionId}`)
    assert.deepInclude(status, {
      transactionId: payment.transactionId,
      status: PaymentStatus.Complete,
    })
  })

  test('nobody else may listen: other clients, the owner, and visitors', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { room, owner, client: payer } = await givenClientAndRoom()
    const other = await UserFactory.create()
    const { payment } = await startUnlock(client, payer, room)

    const otherStream = new SseSubscriber(await HttpSession.loggedInAs(other.email, TEST_PASSWORD))
    cleanup(() => otherStream.close())
    assert.equal(await otherStream.open(), 200)
    assert.equal(await otherStream.subscribe(`payments/${payment.transactionId}`), 400)
    assert.equal(await otherStream.subscribe(`users/${owner.id}`), 400)
    assert.equal(await otherStream.subscribe(`users/${payer.id}`), 400)

    const ownerStream = new SseSubscriber(await HttpSession.loggedInAs(owner.email, TEST_PASSWORD))
    cleanup(() => ownerStream.close())
    await ownerStream.open()
    assert.equal(await ownerStream.subscribe(`payments/${payment.transactionId}`), 400)

    const visitor = new SseSubscriber(await HttpSession.visitor())
    cleanup(() => visitor.close())
    assert.equal(await visitor.open(), 401)
    assert.equal(await visitor.subscribe(`users/${owner.id}`), 401)
  })
})
