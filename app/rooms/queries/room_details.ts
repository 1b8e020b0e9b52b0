import Room from '#models/room'
import Conversation from '#models/conversation'

/**
 * A room with its photos and owner, as its page and the API show it (404
 * when there is none).
 */
export function findRoomWithDetails(id: number) {
  return Room.query().where('id', id).preload('photos').preload('owner').firstOrFail()
}

/**
 * The conversation a client has about a room, or null.
 */
export function conversationAbout(roomId: number, clientId: number) {
  return Conversation.query().where('roomId', roomId).where('clientId', clientId).first()
}
