import db from '@adonisjs/lucid/services/db'
import { RoomStatus } from '#rooms/enums/room_status'
import type { RoomCity } from '#rooms/enums/room_city'

/**
 * How long the localities suggested in the listing's filter are reused.
 * Finding them scans every available room, and a suggestion a minute late
 * (another instance, a room just listed) harms nobody: the field takes any
 * text.
 */
const FRESH_FOR_MS = 60_000

const cache = new Map<string, { localities: string[]; until: number }>()

/**
 * Localities that have available rooms (in a city, or anywhere), sorted.
 */
export async function suggestedLocalities(city?: RoomCity): Promise<string[]> {
  const key = city ?? ''
  const cached = cache.get(key)
  if (cached && cached.until > Date.now()) return cached.localities

  const query = db
    .from('rooms')
    .where('status', RoomStatus.Available)
    .distinct('locality')
    .orderBy('locality')
  if (city) query.where('city', city)
  const rows: { locality: string }[] = await query
  const localities = rows.map((row) => row.locality)
  cache.set(key, { localities, until: Date.now() + FRESH_FOR_MS })
  return localities
}

/** Drops the suggestions this process keeps (a room was listed, moved or taken down). */
export function forgetSuggestedLocalities() {
  cache.clear()
}
