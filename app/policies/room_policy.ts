import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Room from '#models/room'

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
}
