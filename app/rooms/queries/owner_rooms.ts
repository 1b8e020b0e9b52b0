import Room from '#models/room'

/**
 * An owner's rooms for their dashboard, newest first, with photos and how
 * many clients unlocked each (`$extras.unlocks`).
 */
export function ownerRooms(ownerId: number) {
  return Room.query()
    .where('ownerId', ownerId)
    .preload('photos')
    .withScopes((scopes) => scopes.withUnlockCount())
    .orderBy('createdAt', 'desc')
}
