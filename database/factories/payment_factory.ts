import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

/**
 * Unlock payments at Rs. 30 through eSewa v2 with the UAT merchant, pending
 * by default. `.apply('complete')` makes a paid unlock. Merge clientId,
 * ownerId and roomId (or use the relations) to tie it to people and a room.
 */
export const PaymentFactory = factory
  .define(Payment, () => ({
    amount: '30.00',
    status: PaymentStatus.Pending,
    transactionId: randomUUID(),
    gateway: 'esewa_v2' as const,
    productCode: 'EPAYTEST',
    amountSent: '30',
    expiresAt: DateTime.now().plus({ minutes: 30 }),
    nextCheckAt: DateTime.now().plus({ minutes: 5 }),
  }))
  .state('complete', (payment, { faker }) => {
    payment.status = PaymentStatus.Complete
    // eSewa references are unique, like the real ones.
    payment.esewaRefId = `000${faker.string.alphanumeric({ length: 4, casing: 'upper' })}`
    payment.paidAt = DateTime.now()
  })
  .relation('client', () => UserFactory)
  .relation('room', () => RoomFactory)
  .build()
