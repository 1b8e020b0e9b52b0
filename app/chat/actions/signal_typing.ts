import emitter from '@adonisjs/core/services/emitter'
import type Conversation from '#models/conversation'
import type User from '#models/user'

/**
 * Tells the other participant's open chat page that this user is typing
 * (nothing is stored).
 */
export default class SignalTyping {
  async handle(user: User, conversation: Conversation) {
    await emitter.emit('conversation:typing', { user, conversation })
  }
}
