import emitter from '@adonisjs/core/services/emitter'
import type Call from '#models/call'
import Conversation from '#models/conversation'
import type Message from '#models/message'
import User from '#models/user'

/**
 * Tells chat a call's entry was stored, as any message sent by the caller
 * (chat broadcasts it; its push listener skips call entries).
 */
export async function emitCallEntry(
  call: Call,
  message: Message,
  known: { caller?: User; conversation?: Conversation } = {}
) {
  const [sender, conversation] = await Promise.all([
    known.caller ?? User.findOrFail(call.callerId),
    known.conversation ?? Conversation.findOrFail(call.conversationId),
  ])
  await emitter.emit('message:sent', { message, conversation, sender })
}
