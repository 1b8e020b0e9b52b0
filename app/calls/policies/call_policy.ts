import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type Call from '#models/call'
import Conversation from '#models/conversation'
import type User from '#models/user'
import { deny } from '#core/authorization'

/**
 * Who may do what with video calls: the two people of the conversation,
 * while the client's unlock of the room stands (a refund or a reversal
 * ends calling for both). Checked on every request and every signal.
 */
export default class CallPolicy extends BasePolicy {
  /**
   * Calling the other person of a conversation.
   */
  async start(user: User, conversation: Conversation): Promise<AuthorizerResponse> {
    if (!conversation.isParticipant(user.id)) {
      return deny('This conversation is not yours', 'E_CALL_FORBIDDEN')
    }
    if (!(await conversation.unlockStands())) {
      return deny('This conversation is closed', 'E_UNLOCK_REVOKED')
    }
    return true
  }

  /**
   * Seeing a call, its page and its channel, signalling and ending it.
   */
  async join(user: User, call: Call): Promise<AuthorizerResponse> {
    if (!call.isParticipant(user.id)) return deny('This call is not yours', 'E_CALL_FORBIDDEN')
    const conversation = await Conversation.findOrFail(call.conversationId)
    if (!(await conversation.unlockStands())) {
      return deny('This conversation is closed', 'E_UNLOCK_REVOKED')
    }
    return true
  }

  /**
   * Answering a call: only the person called.
   */
  answer(user: User, call: Call): AuthorizerResponse {
    return this.#callee(user, call)
  }

  /**
   * Declining a call: only the person called.
   */
  decline(user: User, call: Call): AuthorizerResponse {
    return this.#callee(user, call)
  }

  #callee(user: User, call: Call): AuthorizerResponse {
    return user.id === call.calleeId
      ? true
      : deny('Only the person called can do that', 'E_NOT_CALLEE')
  }
}
