import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'
import { RoomStatus } from '#rooms/enums/room_status'
import { roomCityLabels, type RoomCity } from '#rooms/enums/room_city'
import { roomTypeLabels, type RoomType } from '#rooms/enums/room_type'
import { applyRoomFilters, ROOMS_PER_PAGE, type RoomFilters } from '#rooms/queries/room_search'

/** What a room card shows: no description, no owner, one photo. */
export type RoomCard = {
  id: number
  title: string
  locality: string
  city: RoomCity
  cityLabel: string
  rentNpr: number
  roomType: RoomType
  roomTypeLabel: string
  furnished: boolean
  createdAt: Date
  /** The file name of the first photo, or null. */
  coverPhoto: string | null
  photoCount: number
}

type CardRow = {
  id: number
  title: string
  locality: string
  city: RoomCity
  rent_npr: number
  room_type: RoomType
  furnished: boolean
  created_at: Date
  cover_photo: string | null
  photo_count: number
  total: number
}

/**
 * A page of room cards in one statement: the rooms with the columns a card
 * renders, their first photo and photo count, and the number of matching
 * rooms (a window count), as plain rows (no models). Only a page past the
 * last one costs a second statement, to learn the total it cannot see.
 */
export async function listingPage(filters: RoomFilters, perPage = ROOMS_PER_PAGE) {
  const page = filters.page ?? 1
  const query = db
    .from('rooms')
    .where('rooms.status', RoomStatus.Available)
    .select(
      'rooms.id',
      'rooms.title',
      'rooms.locality',
      'rooms.city',
      'rooms.rent_npr',
      'rooms.room_type',
      'rooms.furnished',
      'rooms.created_at'
    )
    .select(
      db.raw(`(select p.file_name from room_photos p where p.room_id = rooms.id
        order by p.position, p.id limit 1) as cover_photo`),
      db.raw(`(select count(*) from room_photos p where p.room_id = rooms.id)::int as photo_count`),
      db.raw('(count(*) over ())::int as total')
    )
  const sort = applyRoomFilters(query, filters)
  const rows: CardRow[] = await query.limit(perPage).offset((page - 1) * perPage)
  const total = rows.length ? rows[0].total : page > 1 ? await countMatching(filters) : 0
  return { cards: new SimplePaginator(total, perPage, page, ...rows.map(toCard)), sort }
}

async function countMatching(filters: RoomFilters) {
  const query = db.from('rooms').where('rooms.status', RoomStatus.Available)
  applyRoomFilters(query, { ...filters, sort: 'newest' })
  const row = await query.clearOrder().count('* as total').first()
  return Number(row?.total ?? 0)
}

function toCard(row: CardRow): RoomCard {
  return {
    id: row.id,
    title: row.title,
    locality: row.locality,
    city: row.city,
    cityLabel: roomCityLabels[row.city],
    rentNpr: row.rent_npr,
    roomType: row.room_type,
    roomTypeLabel: roomTypeLabels[row.room_type],
    furnished: row.furnished,
    createdAt: row.created_at,
    coverPhoto: row.cover_photo,
    photoCount: row.photo_count,
  }
}
