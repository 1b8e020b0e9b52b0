import type { HttpContext } from '@adonisjs/core/http'
import RoomPhoto from '#models/room_photo'
import RoomPolicy from '#rooms/policies/room_policy'
import { OwnerRoomService } from '#rooms/owner_room_service'

/**
 * An owner removing one photo from their room.
 */
export default class OwnerRoomPhotosController {
  async destroy({ bouncer, params, response, session }: HttpContext) {
    const photo = await RoomPhoto.query()
      .where('id', Number(params.photoId) || 0)
      .where('roomId', Number(params.id) || 0)
      .preload('room')
      .firstOrFail()
    await bouncer.with(RoomPolicy).authorize('manage', photo.room)
    await new OwnerRoomService().removePhoto(photo)
    session.flash('success', 'Photo removed.')
    return response.redirect().toRoute('owner.rooms.edit', { id: photo.roomId })
  }
}
