import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import { forgetSuggestedLocalities } from '#rooms/queries/localities'
import type { RoomStatus } from '#rooms/enums/room_status'

/**
 * An owner marking a room rented (off the listing) or available again.
 */
export default class ChangeRoomStatus {
  async handle(room: Room, status: RoomStatus, trx?: TransactionClientContract): Promise<Room> {
    if (!trx) return db.transaction((own) => this.handle(room, status, own))
    room.useTransaction(trx)
    room.status = status
    await room.save()
    trx.after('commit', forgetSuggestedLocalities)
    return room
  }
}
