import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Room from '#models/room'
import RoomPhoto from '#models/room_photo'
import type User from '#models/user'
import type { RoomCity } from '#rooms/enums/room_city'
import type { RoomType } from '#rooms/enums/room_type'
import type { RoomStatus } from '#rooms/enums/room_status'
import uploads from '#config/uploads'
import { PhotoStorage, type StoredPhoto } from '#core/uploads/photo_storage'

export type RoomDetails = {
  title: string
  description: string
  city: RoomCity
  locality: string
  rentNpr: number
  roomType: RoomType
  furnished?: boolean
}

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
 * What an owner does with their rooms: list, edit, mark rented, delete,
 * and manage photos. Files and rows change together: a failed database
 * write removes the files it had stored.
 */
export class OwnerRoomService {
  constructor(private storage = new PhotoStorage()) {}

  async create(owner: User, details: RoomDetails, photos: MultipartFile[] = []) {
    const stored = await this.#storeAll(photos)
    try {
      return await db.transaction(async (trx) => {
        const room = await Room.create(
          { ...details, furnished: details.furnished ?? false, ownerId: owner.id },
          { client: trx }
        )
        await this.#attach(room, stored, 0, trx)
        return room
      })
    } catch (error) {
      await this.storage.remove(stored.map((photo) => photo.fileName))
      throw error
    }
  }

  async update(room: Room, details: RoomDetails, photos: MultipartFile[] = []) {
    const existing = await RoomPhoto.query().where('roomId', room.id).count('* as total').first()
    const count = Number(existing?.$extras.total ?? 0)
    if (count + photos.length > uploads.photosPerRoom) {
      // Reported like any other invalid field, next to the photo input.
      throw new errors.E_VALIDATION_ERROR([
        {
          field: 'photos',
          rule: 'photos.total',
          message: `A room can have at most ${uploads.photosPerRoom} photos; it has ${count}`,
        },
      ])
    }

    const stored = await this.#storeAll(photos)
    try {
      await db.transaction(async (trx) => {
        room.useTransaction(trx)
        room.merge({ ...details, furnished: details.furnished ?? false })
        await room.save()
        await this.#attach(room, stored, count, trx)
      })
    } catch (error) {
      await this.storage.remove(stored.map((photo) => photo.fileName))
      throw error
    }
    return room
  }

  async setStatus(room: Room, status: RoomStatus) {
    room.status = status
    await room.save()
    return room
  }

  /**
   * Deletes a room and its photos. A room clients have paid for stays: their
   * payments and access point to it.
   */
  async delete(room: Room) {
    const paid = await db.from('payments').where('room_id', room.id).first()
    if (paid) throw new RoomHasPaymentsError()
    const photos = await RoomPhoto.query().where('roomId', room.id)
    await room.delete()
    await this.storage.remove(photos.map((photo) => photo.fileName))
  }

  async removePhoto(photo: RoomPhoto) {
    await photo.delete()
    await this.storage.remove([photo.fileName])
  }

  async #storeAll(photos: MultipartFile[]) {
    const stored: StoredPhoto[] = []
    try {
      for (const photo of photos) stored.push(await this.storage.storeUpload(photo))
    } catch (error) {
      await this.storage.remove(stored.map((item) => item.fileName))
      throw error
    }
    return stored
  }

  async #attach(
    room: Room,
    stored: StoredPhoto[],
    firstPosition: number,
    trx: TransactionClientContract
  ) {
    if (!stored.length) return
    await RoomPhoto.createMany(
      stored.map((photo, index) => ({
        ...photo,
        roomId: room.id,
        position: firstPosition + index,
      })),
      { client: trx }
    )
  }
}
