import { Exception } from '@adonisjs/core/exceptions'
import Conversation from '#models/conversation'
import type User from '#models/user'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Refusals with a stable code, shown as JSON or a status page.
 */
export class ChatForbidden extends Exception {
  static status = 403
}

/** Which conversation a request names: its id, or a room (and the client, for an owner). */
export type ConversationPicker = { conversationId?: number; roomId?: number; clientId?: number }

/**
 * Finds the conversation a request names. Whether the user may use it is
 * the ConversationPolicy's call; this only refuses a room on which the user
 * has no conversation at all. Given a transaction, the row is locked in it
 * (a send: found, checked and written under one lock).
 */
export async function findConversation(
  user: User,
  picker: ConversationPicker,
  lockIn?: TransactionClientContract
) {
  if (picker.conversationId) {
    return withUnlockStanding(lockIn).where('id', picker.conversationId).firstOrFail()
  }
  if (!picker.roomId) {
    throw new Exception('Say which conversation: conversation_id, or room_id', {
      status: 422,
      code: 'E_CONVERSATION_REQUIRED',
    })
  }
  const query = withUnlockStanding(lockIn).where('roomId', picker.roomId)
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

/**
 * Conversations read with whether their unlock stands (the policy's check,
 * in the same query); in `lockIn`, the row is locked for that transaction.
 */
function withUnlockStanding(lockIn?: TransactionClientContract) {
  const query = Conversation.query({ client: lockIn })
  Conversation.withUnlockStanding(query)
  if (lockIn) query.forUpdate()
  return query
}
