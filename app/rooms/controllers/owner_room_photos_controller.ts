import type { HttpContext } from '@adonisjs/core/http'
import RoomPhoto from '#models/room_photo'
import RoomPolicy from '#rooms/policies/room_policy'
import RemoveRoomPhoto from '#rooms/actions/remove_room_photo'

/**
 * An owner removing one photo from their room.
 */
export default class OwnerRoomPhotosController {
  async destroy({ bouncer, params, response, session }: HttpContext) {
    const photo = await RoomPhoto.query()
      .where('id', params.photoId)
      .where('roomId', params.id)
      .preload('room')
      .firstOrFail()
    await bouncer.with(RoomPolicy).authorize('manage', photo.room)
    await new RemoveRoomPhoto().handle(photo)
    session.flash('success', 'Photo removed.')
    return response.redirect().toRoute('owner.rooms.edit', { id: photo.roomId })
  }
}
