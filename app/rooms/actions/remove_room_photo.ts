import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'

/**
 * An owner removing one photo from their room: the row, then its files
 * (every size) once the removal is committed.
 */
export default class RemoveRoomPhoto {
  constructor(private storage = new PhotoStorage()) {}

  async handle(photo: RoomPhoto, trx?: TransactionClientContract): Promise<void> {
    if (!trx) return db.transaction((own) => this.handle(photo, own))
    photo.useTransaction(trx)
    await photo.delete()
    trx.after('commit', () => this.storage.remove([photo.fileName]))
  }
}
