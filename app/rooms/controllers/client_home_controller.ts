import type { HttpContext } from '@adonisjs/core/http'
import Payment from '#models/payment'
import { RoomSearch } from '#rooms/queries/room_search'

/**
 * A client's home: the rooms they unlocked, and where to look next.
 */
export default class ClientHomeController {
  async show({ auth, response, view }: HttpContext) {
    if (auth.user!.isOwner) return response.redirect().toRoute('owner.rooms.index')
    const [{ rooms }, unlocks] = await Promise.all([
      new RoomSearch().search({ sort: 'newest' }),
      Payment.unlocksOf(auth.user!.id),
    ])
    return view.render('pages/client/home', { latestRooms: rooms.all().slice(0, 6), unlocks })
  }
}
