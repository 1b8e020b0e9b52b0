import factory from '@adonisjs/lucid/factories'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { RoomFactory } from '#database/factories/room_factory'

// A valid 1×1 PNG: each photo row gets a real file on disk, as uploads do.
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

/**
 * Photos of a room, each stored under UPLOADS_DIR like an upload. Give the
 * room with `.merge({ roomId })` or `.with('room')`, and `position` when a
 * room has several.
 */
export const RoomPhotoFactory = factory
  .define(RoomPhoto, async () => ({
    ...(await new PhotoStorage().storeBytes(ONE_PIXEL_PNG)),
    position: 0,
  }))
  .relation('room', () => RoomFactory)
  .build()
