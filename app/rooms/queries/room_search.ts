import db from '@adonisjs/lucid/services/db'
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

/**
 * The public room listing: full-text search, filters, sort and pages over
 * rooms that are still available.
 */
export class RoomSearch {
  async search(filters: RoomFilters) {
    const tsQuery = filters.q ? toPrefixTsQuery(filters.q) : null
    const sort = filters.sort ?? (tsQuery ? 'relevance' : 'newest')

    const query = Room.query()
      .where('status', RoomStatus.Available)
      .preload('photos')
      .preload('owner')

    if (tsQuery) query.whereRaw(`search_vector @@ to_tsquery('english', ?)`, [tsQuery])
    if (filters.city) query.where('city', filters.city)
    if (filters.locality) query.whereRaw('lower(locality) = lower(?)', [filters.locality])
    if (filters.minRent !== undefined) query.where('rentNpr', '>=', filters.minRent)
    if (filters.maxRent !== undefined) query.where('rentNpr', '<=', filters.maxRent)
    if (filters.roomType) query.where('roomType', filters.roomType)
    if (filters.furnished) query.where('furnished', filters.furnished === 'yes')

    if (sort === 'relevance' && tsQuery) {
      query.orderByRaw(`ts_rank(search_vector, to_tsquery('english', ?)) DESC`, [tsQuery])
    } else if (sort === 'rent_asc') {
      query.orderBy('rentNpr', 'asc')
    } else if (sort === 'rent_desc') {
      query.orderBy('rentNpr', 'desc')
    }
    query.orderBy('createdAt', 'desc').orderBy('id', 'desc')

    const rooms = await query.paginate(filters.page ?? 1, ROOMS_PER_PAGE)
    const { page, ...kept } = filters
    // The filters page links must keep (the caller builds the links).
    return { rooms, sort, keptFilters: withoutEmptyValues(kept) }
  }

  /**
   * Localities that have available rooms, to suggest in the filter.
   */
  async localities(city?: RoomCity): Promise<string[]> {
    const query = db
      .from('rooms')
      .where('status', RoomStatus.Available)
      .distinct('locality')
      .orderBy('locality')
    if (city) query.where('city', city)
    const rows = await query
    return rows.map((row) => row.locality)
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
