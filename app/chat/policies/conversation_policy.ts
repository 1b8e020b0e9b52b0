import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Conversation from '#models/conversation'
import type User from '#models/user'
import { deny } from '#core/authorization'

/**
 * Who may use a conversation: checked on every chat page, API call,
 * channel subscription and signal.
 */
export default class ConversationPolicy extends BasePolicy {
  /**
   * Reading and writing: one of its two people, while the client's unlock
   * of the room stands (a refund or a reversal closes the chat for both).
   */
  async access(user: User, conversation: Conversation): Promise<AuthorizerResponse> {
    if (!conversation.isParticipant(user.id)) {
      return deny('This conversation is not yours', 'E_CHAT_FORBIDDEN')
    }
    if (!(await conversation.unlockStands())) {
      return deny(
        'This chat is closed: the unlock of this room was refunded or reversed',
        'E_UNLOCK_REVOKED'
      )
    }
    return true
  }
}
