import Payment from '#models/payment'
import type User from '#models/user'
import type Room from '#models/room'
import { PaymentStatus } from '#payments/enums/payment_status'

/**
 * Whether a client has unlocked a room: a complete payment, nothing less.
 */
export async function unlockingPayment(user: User | undefined | null, room: Room) {
  if (!user) return null
  return Payment.query()
    .where('clientId', user.id)
    .where('roomId', room.id)
    .where('status', PaymentStatus.Complete)
    .first()
}

/**
 * The complete payments of a client, newest first, with their rooms.
 */
export function unlockedRoomsOf(client: User) {
  return Payment.query()
    .where('clientId', client.id)
    .where('status', PaymentStatus.Complete)
    .preload('room', (room) => room.preload('photos').preload('owner'))
    .orderBy('paidAt', 'desc')
}
