import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import Payment from '#models/payment'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'

/**
 * Raised when deleting a room that has payments.
 */
export class RoomHasPaymentsError extends Error {
  constructor() {
    super(
      'Clients have paid to unlock this room, so it cannot be deleted. Mark it as rented instead.'
    )
  }
}

/**
 * Deletes a room and its photos. A room clients have paid for stays: their
 * payments and access point to it. Photo files (every size) go once the
 * rows are gone.
 */
export default class DeleteRoom {
  constructor(private storage = new PhotoStorage()) {}

  async handle(room: Room, trx?: TransactionClientContract): Promise<void> {
    if (!trx) return db.transaction((own) => this.handle(room, own))
    // Any payment at all, whatever its status, keeps the room.
    const paid = await Payment.query({ client: trx }).where('roomId', room.id).first()
    if (paid) throw new RoomHasPaymentsError()
    const photos = await RoomPhoto.query({ client: trx }).where('roomId', room.id)
    room.useTransaction(trx)
    await room.delete()
    trx.after('commit', () => this.storage.remove(photos.map((photo) => photo.fileName)))
  }
}
