import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Room from '#models/room'
import type User from '#models/user'
import AddRoomPhotos from '#rooms/actions/add_room_photos'
import { forgetSuggestedLocalities } from '#rooms/queries/localities'
import type { RoomDetails } from '#rooms/validators'

/**
 * An owner listing a new room with its first photos: the room and its
 * photos land together or not at all.
 */
export default class CreateRoom {
  constructor(private addPhotos = new AddRoomPhotos()) {}

  async handle(
    owner: User,
    details: RoomDetails,
    photos: MultipartFile[] = [],
    trx?: TransactionClientContract
  ): Promise<Room> {
    if (!trx) return db.transaction((own) => this.handle(owner, details, photos, own))
    const room = await Room.create(
      { ...details, furnished: details.furnished ?? false, ownerId: owner.id },
      { client: trx }
    )
    await this.addPhotos.handle(room, photos, trx)
    trx.after('commit', forgetSuggestedLocalities)
    return room
  }
}
