import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import RoomPhoto from '#models/room_photo'
import User from '#models/user'

/** The owner's columns a room page or the API may show (contact only through RoomPolicy). */
const OWNER_JSON = `(select json_build_object('id', u.id, 'full_name', u.full_name, 'phone', u.phone,
  'role', u.role, 'email', u.email) from users u where u.id = rooms.owner_id) as owner_json`

/** The photos in their order, with the columns pages use. */
const PHOTOS_JSON = `(select coalesce(json_agg(json_build_object('id', p.id, 'room_id', p.room_id,
  'file_name', p.file_name, 'mime_type', p.mime_type, 'size_bytes', p.size_bytes,
  'position', p.position) order by p.position, p.id), '[]') from room_photos p
  where p.room_id = rooms.id) as photos_json`

/**
 * A room with its photos and owner, as its page and the API show it (404
 * when there is none), in one statement: the owner and the photos come
 * as JSON beside the room's row and become the usual related models.
 */
export async function findRoomWithDetails(id: number) {
  const room = await Room.query()
    .where('id', id)
    .select('rooms.*', db.raw(OWNER_JSON), db.raw(PHOTOS_JSON))
    .firstOrFail()
  const { owner_json: owner, photos_json: photos } = room.$extras
  room.$setRelated('owner', User.$createFromAdapterResult(owner)!)
  room.$setRelated('photos', RoomPhoto.$createMultipleFromAdapterResult(photos))
  return room
}
