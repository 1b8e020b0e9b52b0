import type { HttpContext } from '@adonisjs/core/http'
import Room from '#models/room'
import RoomPolicy from '#rooms/policies/room_policy'
import {
  createRoomValidator,
  PHOTOS_PER_ROOM,
  roomStatusValidator,
  updateRoomValidator,
} from '#rooms/validators'
import { ownerRooms } from '#rooms/queries/owner_rooms'
import CreateRoom from '#rooms/actions/create_room'
import UpdateRoom from '#rooms/actions/update_room'
import ChangeRoomStatus from '#rooms/actions/change_room_status'
import DeleteRoom, { RoomHasPaymentsError } from '#rooms/actions/delete_room'
import { RoomStatus } from '#rooms/enums/room_status'

/**
 * An owner's own rooms: the dashboard and the listing forms.
 */
export default class OwnerRoomsController {
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    const rooms = await ownerRooms(auth.user!.id)
    return view.render('pages/owner/rooms/index', { rooms })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    return view.render('pages/owner/rooms/create', { photosPerRoom: PHOTOS_PER_ROOM })
  }

  async store({ auth, bouncer, request, response, session }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    const { photos, ...details } = await request.validateUsing(createRoomValidator)
    const room = await new CreateRoom().handle(auth.user!, details, photos)
    session.flash('success', 'Your room is listed.')
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const room = await Room.findOrFail(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    await room.load('photos')
    return view.render('pages/owner/rooms/edit', { room, photosPerRoom: PHOTOS_PER_ROOM })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    const room = await Room.findOrFail(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    const { photos, ...details } = await request.validateUsing(updateRoomValidator)
    await new UpdateRoom().handle(room, details, photos)
    session.flash('success', 'Your changes are saved.')
    return response.redirect().toRoute('owner.rooms.index')
  }

  async updateStatus({ bouncer, params, request, response, session }: HttpContext) {
    const room = await Room.findOrFail(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    const { status } = await request.validateUsing(roomStatusValidator)
    await new ChangeRoomStatus().handle(room, status)
    session.flash(
      'success',
      status === RoomStatus.Rented
        ? `"${room.title}" is marked as rented and no longer listed.`
        : `"${room.title}" is listed again.`
    )
    return response.redirect().toRoute('owner.rooms.index')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    const room = await Room.findOrFail(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    try {
      await new DeleteRoom().handle(room)
    } catch (error) {
      if (!(error instanceof RoomHasPaymentsError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('owner.rooms.edit', { id: room.id })
    }
    session.flash('success', `"${room.title}" is deleted.`)
    return response.redirect().toRoute('owner.rooms.index')
  }
}
