import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { roomSearchValidator } from '#rooms/validators'
import { withoutEmptyValues, type RoomFilters } from '#rooms/queries/room_search'
import { listingPage } from '#rooms/queries/listing_page'
import { suggestedLocalities } from '#rooms/queries/localities'
import Payment from '#models/payment'
import { findRoomWithDetails } from '#rooms/queries/room_details'
import RoomPolicy from '#rooms/policies/room_policy'
import { presentUnlockReceipt } from '#rooms/presenters/unlock_receipt'

/**
 * The public listing and room pages.
 */
export default class RoomsController {
  async index({ request, view }: HttpContext) {
    const { filters, errors } = await validFilters(request.qs())
    const [{ cards: rooms, sort }, localities] = await Promise.all([
      listingPage(filters),
      suggestedLocalities(filters.city),
    ])
    const { page, ...kept } = filters
    rooms.baseUrl(urlFor('rooms.index')).queryString(withoutEmptyValues(kept))

    return view.render('pages/rooms/index', {
      rooms,
      filters,
      sort,
      localities,
      filterErrors: errors,
    })
  }

  async show({ params, view, auth, bouncer }: HttpContext) {
    const room = await findRoomWithDetails(params.id)
    const isOwnRoom = auth.user?.id === room.ownerId
    const unlock =
      isOwnRoom || !auth.user ? null : await Payment.unlockWithConversationOf(auth.user.id, room.id)
    // Contact details reach the page only through this policy-checked branch.
    const contact =
      unlock && (await bouncer.with(RoomPolicy).allows('viewContact', room, unlock))
        ? { fullName: room.owner.fullName, phone: room.owner.phone }
        : null

    return view.render('pages/rooms/show', {
      room,
      isOwnRoom,
      contact,
      conversationId: contact ? (unlock!.$extras.conversation_id ?? null) : null,
      receipt: unlock ? presentUnlockReceipt(unlock) : null,
      canUnlock: !contact && !isOwnRoom && (await bouncer.with(RoomPolicy).allows('unlock', room)),
    })
  }
}

/**
 * The filters of a listing URL that are valid, and a message for each one
 * that is not: a bad filter is reported and dropped, the others still apply.
 * Empty form fields mean "any".
 */
async function validFilters(queryString: Record<string, unknown>) {
  const input = withoutEmptyValues(queryString)
  const [error, filters] = await roomSearchValidator.tryValidate(input)
  if (!error) return { filters: filters as RoomFilters, errors: {} }

  const messages = error.messages as { field: string; message: string }[]
  const errors = Object.fromEntries(messages.map((item) => [item.field, item.message]))
  for (const field of Object.keys(errors)) delete input[field]
  const [, remaining] = await roomSearchValidator.tryValidate(input)
  return { filters: (remaining ?? {}) as RoomFilters, errors }
}
