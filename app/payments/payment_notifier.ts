import transmit from '@adonisjs/transmit/services/main'
import type Payment from '#models/payment'
import Room from '#models/room'
import User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import { formatNpr } from '#core/format'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { notifyUser, PushKind } from '#push/push_notifier'
import { paymentChannel, userChannel } from '#core/live/channels'

/**
 * Tells the paying client's open pages (the modal) that a payment moved,
 * and the owner (live, and on their devices by push) that a room of theirs
 * was unlocked. Sent after the change is committed.
 */
export async function announcePaymentChange(payment: Payment) {
  const update = {
    type: 'payment.status',
    transactionId: payment.transactionId,
    status: payment.status,
    roomId: payment.roomId,
  }
  transmit.broadcast(paymentChannel(payment.transactionId), update)
  transmit.broadcast(userChannel(payment.clientId), update)

  if (payment.status === PaymentStatus.Complete) {
    const [room, client] = await Promise.all([
      Room.find(payment.roomId),
      User.find(payment.clientId),
    ])
    transmit.broadcast(userChannel(payment.ownerId), {
      type: 'room.unlocked',
      roomId: payment.roomId,
      roomTitle: room?.title ?? '',
      clientFirstName: client?.firstName ?? '',
      amount: formatNpr(payment.amount),
      paidAt: payment.paidAt?.toISO() ?? null,
    })
    notifyUser(payment.ownerId, {
      kind: PushKind.Unlock,
      title: 'Room unlocked',
      body: `${client?.firstName || 'A client'} unlocked “${room?.title ?? 'your room'}” (${formatNpr(payment.amount)}).`,
      url: urlFor('chat.index'),
    })
  }
}
