import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import AddRoomPhotos from '#rooms/actions/add_room_photos'
import { forgetSuggestedLocalities } from '#rooms/queries/localities'
import type { RoomDetails } from '#rooms/validators'

/**
 * An owner editing a room: new details, and new photos added to the ones
 * it has (refused past the room's photo limit, before anything changes).
 */
export default class UpdateRoom {
  constructor(private addPhotos = new AddRoomPhotos()) {}

  async handle(
    room: Room,
    details: RoomDetails,
    photos: MultipartFile[] = [],
    trx?: TransactionClientContract
  ): Promise<Room> {
    if (!trx) return db.transaction((own) => this.handle(room, details, photos, own))
    // Photos first: the limit check comes before the room changes.
    await this.addPhotos.handle(room, photos, trx)
    trx.after('commit', forgetSuggestedLocalities)
    room.useTransaction(trx)
    room.merge({ ...details, furnished: details.furnished ?? false })
    await room.save()
    return room
  }
}
