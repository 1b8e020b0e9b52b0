import { RoomPhotoSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { photoUrls } from '#core/uploads/photo_variants'
import Room from '#models/room'

/**
 * One photo of a room, stored on disk in sizes under a random name
 * (`fileName` names the full size).
 */
export default class RoomPhoto extends RoomPhotoSchema {
  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>

  /** The full size. */
  get url() {
    return photoUrls(this.fileName).full
  }

  /** The card size, for listing cards and thumbnails. */
  get cardUrl() {
    return photoUrls(this.fileName).card
  }

  /** Both sizes, for `<img srcset>` with `sizes`. */
  get srcset() {
    return photoUrls(this.fileName).srcset
  }
}
