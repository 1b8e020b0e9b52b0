import type Room from '#models/room'
import { formatNpr } from '#core/format'

/**
 * The public view of a room, for JSON responses: the owner appears by first
 * name only, never with a phone number or email.
 */
export function presentRoom(room: Room) {
  return {
    id: room.id,
    title: room.title,
    description: room.description,
    city: room.city,
    cityLabel: room.cityLabel,
    locality: room.locality,
    rentNpr: room.rentNpr,
    rentLabel: `${formatNpr(room.rentNpr)} / month`,
    roomType: room.roomType,
    roomTypeLabel: room.roomTypeLabel,
    furnished: room.furnished,
    status: room.status,
    owner: { firstName: room.owner.firstName },
    photos: room.photos.map((photo) => ({ url: photo.url })),
    createdAt: room.createdAt.toISO(),
  }
}
