import type User from '#models/user'

/**
 * The named route of the page a person lands on after logging in.
 */
export function homeRouteFor(user: User) {
  return user.isOwner ? 'owner.rooms.index' : 'client.home'
}
