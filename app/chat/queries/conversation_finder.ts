import { Exception } from '@adonisjs/core/exceptions'
import Conversation from '#models/conversation'
import type User from '#models/user'
import { chatAccess } from '#chat/chat_access'

/**
 * Refusals with a stable code, shown as JSON or a status page.
 */
export class ChatForbidden extends Exception {
  static status = 403
}

/**
 * Finds the conversation a request names and checks the user may use it:
 * a participant, with the unlock still standing.
 */
export async function findUsableConversation(
  user: User,
  picker: { conversationId?: number; roomId?: number; clientId?: number }
) {
  const conversation = await locate(user, picker)
  const access = await chatAccess(user.id, conversation)
  if (!access.allowed) {
    throw access.reason === 'unlock_revoked'
      ? new ChatForbidden('This chat is closed: the unlock of this room was refunded or reversed', {
          code: 'E_UNLOCK_REVOKED',
        })
      : new ChatForbidden('This conversation is not yours', { code: 'E_CHAT_FORBIDDEN' })
  }
  return conversation
}

async function locate(
  user: User,
  picker: { conversationId?: number; roomId?: number; clientId?: number }
) {
  if (picker.conversationId) return Conversation.findOrFail(picker.conversationId)
  if (!picker.roomId) {
    throw new Exception('Say which conversation: conversation_id, or room_id', {
      status: 422,
      code: 'E_CONVERSATION_REQUIRED',
    })
  }
  const query = Conversation.query().where('roomId', picker.roomId)
  if (user.isClient) {
    query.where('clientId', user.id)
  } else if (picker.clientId) {
    query.where('clientId', picker.clientId)
  } else {
    const candidates = await query.where('ownerId', user.id).limit(2)
    if (candidates.length === 1) return candidates[0]
    if (candidates.length > 1) {
      throw new Exception('Several clients unlocked this room: say which with client_id', {
        status: 422,
        code: 'E_CLIENT_REQUIRED',
      })
    }
  }
  const conversation = await query.first()
  if (!conversation) {
    // No conversation of this user on this room: not theirs, whatever exists.
    throw new ChatForbidden('You have no conversation about this room', {
      code: 'E_CHAT_FORBIDDEN',
    })
  }
  return conversation
}
