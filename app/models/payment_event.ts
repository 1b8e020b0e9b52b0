import { PaymentEventSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { PaymentEventType } from '#payments/enums/payment_event_type'
import Payment from '#models/payment'

/**
 * One line of a payment's append-only audit trail (PostgreSQL refuses
 * updates and deletes on this table).
 */
export default class PaymentEvent extends PaymentEventSchema {
  @column()
  declare type: PaymentEventType

  @column()
  declare data: Record<string, unknown>

  @belongsTo(() => Payment)
  declare payment: BelongsTo<typeof Payment>
}
