import type { HttpContext } from '@adonisjs/core/http'
import Room from '#models/room'
import { roomSearchValidator } from '#validators/room'
import { RoomSearch, type RoomFilters } from '#services/rooms/room_search'

/**
 * The public listing and room pages.
 */
export default class RoomsController {
  async index({ request, view }: HttpContext) {
    const search = new RoomSearch()
    const [error, filters] = await roomSearchValidator.tryValidate(request.qs())
    const applied: RoomFilters = error ? {} : filters
    const { rooms, sort } = await search.search(applied)
    const localities = await search.localities(applied.city)

    return view.render('pages/rooms/index', {
      rooms,
      filters: error ? request.qs() : applied,
      sort,
      localities,
      filterErrors: error ? fieldErrors(error.messages) : {},
    })
  }

  async show({ params, view, auth }: HttpContext) {
    const room = await Room.query()
      .where('id', Number(params.id) || 0)
      .preload('photos')
      .preload('owner')
      .firstOrFail()

    return view.render('pages/rooms/show', {
      room,
      isOwnRoom: auth.user?.id === room.ownerId,
    })
  }
}

function fieldErrors(messages: { field: string; message: string }[]) {
  return Object.fromEntries(messages.map((item) => [item.field, item.message]))
}
