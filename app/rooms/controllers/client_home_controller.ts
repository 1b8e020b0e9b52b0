import type { HttpContext } from '@adonisjs/core/http'
import { RoomSearch } from '#rooms/queries/room_search'
import { unlockedRoomsOf } from '#payments/queries/room_access'

/**
 * A client's home: the rooms they unlocked, and where to look next.
 */
export default class ClientHomeController {
  async show({ auth, response, view }: HttpContext) {
    if (auth.user!.isOwner) return response.redirect().toRoute('owner.rooms.index')
    const [{ rooms }, unlocks] = await Promise.all([
      new RoomSearch().search({ sort: 'newest' }),
      unlockedRoomsOf(auth.user!),
    ])
    return view.render('pages/client/home', { latestRooms: rooms.all().slice(0, 6), unlocks })
  }
}
