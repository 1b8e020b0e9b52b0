import { RoomSchema } from '#database/schema'
import { belongsTo, column, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import { RoomCity, roomCityLabels } from '#rooms/enums/room_city'
import { RoomStatus } from '#rooms/enums/room_status'
import { RoomType, roomTypeLabels } from '#rooms/enums/room_type'
import { PaymentStatus } from '#payments/enums/payment_status'
import User from '#models/user'
import RoomPhoto from '#models/room_photo'
import Payment from '#models/payment'

/**
 * A room an owner lets, with its photos.
 */
export default class Room extends RoomSchema {
  @column()
  declare city: RoomCity

  @column()
  declare roomType: RoomType

  @column()
  declare status: RoomStatus

  // Maintained by PostgreSQL (a generated column); never written or shown.
  @column({ serializeAs: null })
  declare searchVector: string | null

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @hasMany(() => RoomPhoto, { onQuery: (query) => query.orderBy('position').orderBy('id') })
  declare photos: HasMany<typeof RoomPhoto>

  @hasMany(() => Payment)
  declare payments: HasMany<typeof Payment>

  /**
   * Counts each room's unlocks (complete payments) into `$extras.unlocks`,
   * for the owner's dashboard.
   */
  static withUnlockCount = scope((query: ModelQueryBuilderContract<typeof Room>) => {
    query.withCount('payments', (payments) =>
      payments.where('status', PaymentStatus.Complete).as('unlocks')
    )
  })

  get cityLabel() {
    return roomCityLabels[this.city]
  }

  get roomTypeLabel() {
    return roomTypeLabels[this.roomType]
  }

  get isAvailable() {
    return this.status === RoomStatus.Available
  }
}
