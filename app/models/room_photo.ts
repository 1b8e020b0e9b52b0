import { RoomPhotoSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Room from '#models/room'

/**
 * One photo of a room, stored on disk under a random name.
 */
export default class RoomPhoto extends RoomPhotoSchema {
  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>

  get url() {
    return urlFor('room_photos.show', { fileName: this.fileName })
  }
}
