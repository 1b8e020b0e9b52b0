import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import Conversation from '#models/conversation'
import type User from '#models/user'
import type Room from '#models/room'
import { PaymentStatus } from '#payments/enums/payment_status'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { ChatService } from '#chat/chat_service'

/**
 * A completed unlock of `room` by `client`, with the conversation it opens
 * (what a verified eSewa payment leaves behind).
 */
export async function unlock(client: User, room: Room) {
  return db.transaction(async (trx) => {
    const payment = await Payment.create(
      {
        clientId: client.id,
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
    const { conversation } = await new ChatService().openForPayment(payment, trx)
    return { payment, conversation }
  })
}

/**
 * The cast of every chat access test: the paying client and the owner, a
 * client who has not paid, another paying client of the same room, and an
 * owner of another room.
 */
export async function givenChatCast() {
  const owner = await UserFactory.apply('owner').merge({ fullName: 'Hari Gurung' }).create()
  const room = await RoomFactory.merge({
    ownerId: owner.id,
    title: 'Room with a conversation',
  }).create()
  const client = await UserFactory.merge({ fullName: 'Asha Magar' }).create()
  const { conversation, payment } = await unlock(client, room)
  const unpaidClient = await UserFactory.create()
  const otherClient = await UserFactory.create()
  const { conversation: otherConversation } = await unlock(otherClient, room)
  const otherOwner = await UserFactory.apply('owner').create()
  await RoomFactory.merge({ ownerId: otherOwner.id }).create()
  return {
    owner,
    room,
    client,
    conversation,
    payment,
    unpaidClient,
    otherClient,
    otherConversation,
    otherOwner,
  }
}

export async function conversationOf(room: Room, client: User) {
  return Conversation.query().where('roomId', room.id).where('clientId', client.id).firstOrFail()
}
