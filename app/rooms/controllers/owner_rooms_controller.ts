import type { HttpContext } from '@adonisjs/core/http'
import Room from '#models/room'
import RoomPolicy from '#rooms/policies/room_policy'
import { createRoomValidator, roomStatusValidator, updateRoomValidator } from '#rooms/validators'
import { OwnerRoomService, RoomHasPaymentsError } from '#rooms/owner_room_service'
import { RoomStatus } from '#rooms/enums/room_status'
import { PaymentStatus } from '#payments/enums/payment_status'
import uploads from '#config/uploads'

/**
 * An owner's own rooms: the dashboard and the listing forms.
 */
export default class OwnerRoomsController {
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    const rooms = await Room.query()
      .where('ownerId', auth.user!.id)
      .preload('photos')
      .withCount('payments', (payments) =>
        payments.where('status', PaymentStatus.Complete).as('unlocks')
      )
      .orderBy('createdAt', 'desc')
    return view.render('pages/owner/rooms/index', { rooms })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    return view.render('pages/owner/rooms/create', { photosPerRoom: uploads.photosPerRoom })
  }

  async store({ auth, bouncer, request, response, session }: HttpContext) {
    await bouncer.with(RoomPolicy).authorize('create')
    const { photos, ...details } = await request.validateUsing(createRoomValidator)
    const room = await new OwnerRoomService().create(auth.user!, details, photos)
    session.flash('success', 'Your room is listed.')
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const room = await this.#findRoom(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    await room.load('photos')
    return view.render('pages/owner/rooms/edit', { room, photosPerRoom: uploads.photosPerRoom })
  }

  async update({ bouncer, params, request, response, session }: HttpContext) {
    const room = await this.#findRoom(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    const { photos, ...details } = await request.validateUsing(updateRoomValidator)
    await new OwnerRoomService().update(room, details, photos)
    session.flash('success', 'Your changes are saved.')
    return response.redirect().toRoute('owner.rooms.index')
  }

  async updateStatus({ bouncer, params, request, response, session }: HttpContext) {
    const room = await this.#findRoom(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    const { status } = await request.validateUsing(roomStatusValidator)
    await new OwnerRoomService().setStatus(room, status)
    session.flash(
      'success',
      status === RoomStatus.Rented
        ? `"${room.title}" is marked as rented and no longer listed.`
        : `"${room.title}" is listed again.`
    )
    return response.redirect().toRoute('owner.rooms.index')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    const room = await this.#findRoom(params.id)
    await bouncer.with(RoomPolicy).authorize('manage', room)
    try {
      await new OwnerRoomService().delete(room)
    } catch (error) {
      if (!(error instanceof RoomHasPaymentsError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('owner.rooms.edit', { id: room.id })
    }
    session.flash('success', `"${room.title}" is deleted.`)
    return response.redirect().toRoute('owner.rooms.index')
  }

  #findRoom(id: string) {
    return Room.findOrFail(Number(id) || 0)
  }
}
