import Room from '#models/room'
import { RoomStatus } from '#rooms/enums/room_status'
import type { RoomCity } from '#rooms/enums/room_city'
import type { RoomType } from '#rooms/enums/room_type'

export const ROOMS_PER_PAGE = 12

export type RoomFilters = {
  q?: string
  city?: RoomCity
  locality?: string
  minRent?: number
  maxRent?: number
  roomType?: RoomType
  furnished?: 'yes' | 'no'
  sort?: 'relevance' | 'newest' | 'rent_asc' | 'rent_desc'
  page?: number
}

/**
 * Turns what a person typed into a PostgreSQL prefix query: every word must
 * match, and a word may be the start of a longer one ("balu" finds
 * "Baluwatar"). Only letters and digits reach to_tsquery, so no input can
 * make it fail.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu)
      ?.slice(0, 8) ?? []
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null
}

/** A query either Lucid builder can take (models for the API, plain rows for pages). */
type FilterableQuery = {
  where(column: string, ...values: unknown[]): unknown
  whereRaw(sql: string, bindings: unknown[]): unknown
  orderBy(column: string, direction: 'asc' | 'desc'): unknown
  orderByRaw(sql: string, bindings: unknown[]): unknown
}

/**
 * Adds the listing's filters and order to a query over `rooms` (columns
 * named as in the table, so models and plain rows share it) and returns
 * the sort it applied: relevance when words are searched, else newest.
 */
export function applyRoomFilters(query: FilterableQuery, filters: RoomFilters) {
  const tsQuery = filters.q ? toPrefixTsQuery(filters.q) : null
  const sort = filters.sort ?? (tsQuery ? 'relevance' : 'newest')

  if (tsQuery) query.whereRaw(`rooms.search_vector @@ to_tsquery('english', ?)`, [tsQuery])
  if (filters.city) query.where('rooms.city', filters.city)
  if (filters.locality) query.whereRaw('lower(rooms.locality) = lower(?)', [filters.locality])
  if (filters.minRent !== undefined) query.where('rooms.rent_npr', '>=', filters.minRent)
  if (filters.maxRent !== undefined) query.where('rooms.rent_npr', '<=', filters.maxRent)
  if (filters.roomType) query.where('rooms.room_type', filters.roomType)
  if (filters.furnished) query.where('rooms.furnished', filters.furnished === 'yes')

  if (sort === 'relevance' && tsQuery) {
    query.orderByRaw(`ts_rank(rooms.search_vector, to_tsquery('english', ?)) DESC`, [tsQuery])
  } else if (sort === 'rent_asc') {
    query.orderBy('rooms.rent_npr', 'asc')
  } else if (sort === 'rent_desc') {
    query.orderBy('rooms.rent_npr', 'desc')
  }
  query.orderBy('rooms.created_at', 'desc')
  query.orderBy('rooms.id', 'desc')
  return sort
}

/**
 * The room listing as models, with photos and owners (the JSON API, which
 * shows descriptions and every photo). Pages use #rooms/queries/listing_page.
 */
export class RoomSearch {
  async search(filters: RoomFilters) {
    const query = Room.query()
      .where('status', RoomStatus.Available)
      .preload('photos')
      .preload('owner')
    const sort = applyRoomFilters(query, filters)
    const rooms = await query.paginate(filters.page ?? 1, ROOMS_PER_PAGE)
    const { page, ...kept } = filters
    // The filters page links must keep (the caller builds the links).
    return { rooms, sort, keptFilters: withoutEmptyValues(kept) }
  }
}

/**
 * A query string without its empty fields (an empty form field means "any").
 */
export function withoutEmptyValues(values: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, value]) => value !== undefined && value !== null && value !== ''
    )
  )
}
