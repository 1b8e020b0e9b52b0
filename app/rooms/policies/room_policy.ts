import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Room from '#models/room'
import Payment from '#models/payment'

/**
 * Who may do what with rooms: owners list rooms and manage only their own.
 */
export default class RoomPolicy extends BasePolicy {
  /**
   * Listing rooms and seeing the owner dashboard is for owners.
   */
  create(user: User): AuthorizerResponse {
    return user.isOwner
  }

  /**
   * Editing, marking rented, deleting and changing photos of a room.
   */
  manage(user: User, room: Room): AuthorizerResponse {
    return user.isOwner && room.ownerId === user.id
  }

  /**
   * Paying to unlock a room: clients, for rooms still listed.
   */
  unlock(user: User, room: Room): AuthorizerResponse {
    return user.isClient && room.isAvailable
  }

  /**
   * Seeing the owner's contact details: the owner, and clients whose
   * payment for this room eSewa confirmed.
   */
  async viewContact(user: User, room: Room, knownUnlock?: Payment): Promise<AuthorizerResponse> {
    if (room.ownerId === user.id) return true
    // A caller that already read the unlock passes it (no second query); it must be this one.
    const unlock = knownUnlock ?? (await Payment.unlockOf(user.id, room.id))
    return Boolean(
      unlock && unlock.clientId === user.id && unlock.roomId === room.id && unlock.isComplete
    )
  }
}
