import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import Payment from '#models/payment'
import Room from '#models/room'
import { PaymentStatus } from '#payments/enums/payment_status'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'

/**
 * A completed unlock of `room` by `clientId` (what a verified eSewa
 * payment leaves behind): the row a conversation is opened by.
 */
export async function completedUnlock(
  clientId: number,
  room: Pick<Room, 'id' | 'ownerId'>,
  trx?: TransactionClientContract
) {
  return Payment.create(
    {
      clientId,
      ownerId: room.ownerId,
      roomId: room.id,
      amount: '30.00',
      status: PaymentStatus.Complete,
      transactionId: randomUUID(),
      gateway: 'esewa_v2',
      productCode: 'EPAYTEST',
      amountSent: '30',
      esewaRefId: `000${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
      paidAt: DateTime.now(),
      expiresAt: DateTime.now().plus({ hours: 1 }),
    },
    { client: trx }
  )
}

/**
 * Conversations between a client and a room's owner. What is not merged is
 * made: the room (with its owner), the client, and the completed unlock that
 * opens the conversation, so the conversation is usable as created.
 */
export const ConversationFactory = factory
  .define(Conversation, () => ({}))
  .before('create', async (_, conversation, ctx) => {
    const room = conversation.roomId
      ? await Room.findOrFail(conversation.roomId, { client: ctx.$trx })
      : await RoomFactory.useCtx(ctx)
          .with('owner', 1, (owner) => owner.apply('owner'))
          .create()
    conversation.roomId = room.id
    conversation.ownerId = room.ownerId
    if (!conversation.clientId) {
      const client = await UserFactory.useCtx(ctx).create()
      conversation.clientId = client.id
    }
    if (!conversation.openedByPaymentId) {
      const payment = await completedUnlock(conversation.clientId, room, ctx.$trx)
      conversation.openedByPaymentId = payment.id
    }
  })
  .build()
