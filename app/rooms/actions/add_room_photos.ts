import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { UnreadableImageError } from '#core/uploads/photo_encoder'
import { imageProblemMessage } from '#core/validators/image_content'
import { PHOTOS_PER_ROOM } from '#rooms/validators'

/**
 * Adds uploaded photos to a room, after the ones it has and within the
 * room's limit, each stored in its sizes (#core/uploads/photo_storage).
 * Files and rows change together: when the transaction rolls back, the
 * files stored for it are removed.
 */
export default class AddRoomPhotos {
  constructor(private storage = new PhotoStorage()) {}

  async handle(
    room: Room,
    photos: MultipartFile[],
    trx?: TransactionClientContract
  ): Promise<RoomPhoto[]> {
    if (!trx) return db.transaction((own) => this.handle(room, photos, own))

    const count = await this.#countPhotos(room, trx)
    if (count + photos.length > PHOTOS_PER_ROOM) {
      // Reported like any other invalid field, next to the photo input.
      throw new errors.E_VALIDATION_ERROR([
        {
          field: 'photos',
          rule: 'photos.total',
          message: `A room can have at most ${PHOTOS_PER_ROOM} photos; it has ${count}`,
        },
      ])
    }
    if (!photos.length) return []

    const stored: string[] = []
    trx.after('rollback', () => this.storage.remove(stored))
    const rows = []
    for (const [index, photo] of photos.entries()) {
      const file = await this.#store(photo, index)
      stored.push(file.fileName)
      rows.push({ ...file, roomId: room.id, position: count + index })
    }
    return RoomPhoto.createMany(rows, { client: trx })
  }

  async #store(photo: MultipartFile, index: number) {
    try {
      return await this.storage.storeUpload(photo)
    } catch (error) {
      if (!(error instanceof UnreadableImageError)) throw error
      // The validator decodes each photo already; one that still fails is refused the same way.
      throw new errors.E_VALIDATION_ERROR([
        {
          field: `photos.${index}`,
          rule: 'photo.decode',
          message: imageProblemMessage('unreadable', photo.clientName),
        },
      ])
    }
  }

  async #countPhotos(room: Room, trx: TransactionClientContract) {
    const existing = await RoomPhoto.query({ client: trx })
      .where('roomId', room.id)
      .count('* as total')
      .first()
    return Number(existing?.$extras.total ?? 0)
  }
}
