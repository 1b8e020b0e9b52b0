import { PushDeliverySchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { PushDeliveryOutcome, PushKind } from '#push/enums/push_kind'
import PushSubscription from '#models/push_subscription'

/**
 * The outcome of one attempt to hand a notification to a push service.
 * The subscription link is emptied when that subscription is deleted.
 */
export default class PushDelivery extends PushDeliverySchema {
  @column()
  declare kind: PushKind

  @column()
  declare outcome: PushDeliveryOutcome

  @belongsTo(() => PushSubscription, { foreignKey: 'subscriptionId' })
  declare subscription: BelongsTo<typeof PushSubscription>
}
