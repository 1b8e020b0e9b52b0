import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { roomSearchValidator } from '#rooms/validators'
import { RoomSearch, withoutEmptyValues } from '#rooms/queries/room_search'
import { findRoomWithDetails } from '#rooms/queries/room_details'
import { presentRoom } from '#rooms/presenters/room_presenter'

/**
 * The listing as JSON, for scripts and the app's own pages.
 */
export default class ApiRoomsController {
  async index({ request }: HttpContext) {
    const filters = await roomSearchValidator.validate(withoutEmptyValues(request.qs()))
    const { rooms, keptFilters } = await new RoomSearch().search(filters)
    rooms.baseUrl(urlFor('api.rooms.index')).queryString(keptFilters)
    return {
      data: rooms.all().map(presentRoom),
      meta: {
        total: rooms.total,
        perPage: rooms.perPage,
        currentPage: rooms.currentPage,
        lastPage: rooms.lastPage,
        nextPageUrl: rooms.getNextPageUrl(),
      },
    }
  }

  async show({ params }: HttpContext) {
    return { data: presentRoom(await findRoomWithDetails(params.id)) }
  }
}
