import { PushSubscriptionSchema } from '#database/schema'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { PushSubscription as WebPushSubscription } from 'web-push'
import User from '#models/user'
import PushDelivery from '#models/push_delivery'

/**
 * One browser (device) that may receive a user's push notifications. The
 * endpoint is stored once: a device that changes hands moves to its new
 * user. The keys never serialize.
 */
export default class PushSubscription extends PushSubscriptionSchema {
  @column({ serializeAs: null })
  declare endpoint: string

  @column({ serializeAs: null })
  declare publicKey: string

  @column({ serializeAs: null })
  declare authSecret: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @hasMany(() => PushDelivery, { foreignKey: 'subscriptionId' })
  declare deliveries: HasMany<typeof PushDelivery>

  /** The shape web-push encrypts for. */
  toWebPush(): WebPushSubscription {
    return { endpoint: this.endpoint, keys: { p256dh: this.publicKey, auth: this.authSecret } }
  }

  /** Scheme and host of the push service, the only part of the endpoint worth logging. */
  get pushService() {
    try {
      return new URL(this.endpoint).origin
    } catch {
      return 'invalid'
    }
  }
}
