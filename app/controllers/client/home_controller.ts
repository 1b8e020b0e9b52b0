import type { HttpContext } from '@adonisjs/core/http'
import { RoomSearch } from '#services/rooms/room_search'

/**
 * A client's home: where they start looking and, once payments land,
 * the rooms they have unlocked.
 */
export default class ClientHomeController {
  async show({ auth, response, view }: HttpContext) {
    if (auth.user!.isOwner) return response.redirect().toRoute('owner.rooms.index')
    const { rooms } = await new RoomSearch().search({ sort: 'newest' })
    return view.render('pages/client/home', { latestRooms: rooms.all().slice(0, 6) })
  }
}
