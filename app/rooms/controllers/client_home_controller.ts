import type { HttpContext } from '@adonisjs/core/http'
import Payment from '#models/payment'
import { listingPage } from '#rooms/queries/listing_page'

/**
 * A client's home: the rooms they unlocked, and where to look next.
 */
export default class ClientHomeController {
  async show({ auth, response, view }: HttpContext) {
    if (auth.user!.isOwner) return response.redirect().toRoute('owner.rooms.index')
    const [{ cards }, unlocks] = await Promise.all([
      listingPage({ sort: 'newest' }, 6),
      Payment.unlocksOf(auth.user!.id),
    ])
    return view.render('pages/client/home', { latestRooms: cards.all(), unlocks })
  }
}
