import vine from '@vinejs/vine'
import { RoomCity } from '#rooms/enums/room_city'
import { RoomType } from '#rooms/enums/room_type'
import { RoomStatus } from '#rooms/enums/room_status'
import { decodableImageRule, imageContentRule } from '#core/validators/image_content'
import uploads from '#config/uploads'

export const RENT_MIN_NPR = 500
export const RENT_MAX_NPR = 1_000_000
/** How many photos a room may have (PHOTOS_PER_ROOM), and how big each may be. */
export const PHOTOS_PER_ROOM = uploads.photosPerRoom
export const PHOTO_MAX_SIZE_MB = uploads.photoMaxSizeMb

/** What an owner tells about a room (the form's fields but its photos). */
export type RoomDetails = {
  title: string
  description: string
  city: RoomCity
  locality: string
  rentNpr: number
  roomType: RoomType
  furnished?: boolean
}

const photo = () =>
  vine
    .file({ size: `${PHOTO_MAX_SIZE_MB}mb`, extnames: ['jpg', 'jpeg', 'png', 'webp'] })
    .use(imageContentRule())
    .use(decodableImageRule())

const roomFields = {
  title: vine.string().trim().minLength(8).maxLength(120),
  description: vine.string().multiline().trim().minLength(20).maxLength(5000),
  city: vine.enum(RoomCity),
  locality: vine.string().trim().minLength(2).maxLength(80),
  rentNpr: vine.number().withoutDecimals().min(RENT_MIN_NPR).max(RENT_MAX_NPR),
  roomType: vine.enum(RoomType),
  furnished: vine.boolean().optional(),
  photos: vine.array(photo()).maxLength(PHOTOS_PER_ROOM).optional(),
}

/**
 * An owner listing a new room, with its first photos.
 */
export const createRoomValidator = vine.create(roomFields)

/**
 * An owner editing a room; new photos are added to the ones it has.
 */
export const updateRoomValidator = vine.create(roomFields)

/**
 * An owner marking a room rented or available again.
 */
export const roomStatusValidator = vine.create({
  status: vine.enum(RoomStatus),
})

/**
 * The public listing's search box, filters, sort and page.
 */
export const roomSearchValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  city: vine.enum(RoomCity).optional(),
  locality: vine.string().trim().maxLength(80).optional(),
  minRent: vine.number().withoutDecimals().min(0).max(RENT_MAX_NPR).optional(),
  maxRent: vine.number().withoutDecimals().min(0).max(RENT_MAX_NPR).optional(),
  roomType: vine.enum(RoomType).optional(),
  furnished: vine.enum(['yes', 'no'] as const).optional(),
  sort: vine.enum(['relevance', 'newest', 'rent_asc', 'rent_desc'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(10_000).optional(),
})
