import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import Conversation from '#models/conversation'
import type Message from '#models/message'
import User from '#models/user'

/**
 * Runs `work` in the caller's transaction, or in a transaction of its own,
 * and `announce` once that transaction commits (events follow the commit).
 */
export async function afterCommit<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>,
  announce: (result: T) => Promise<void>
) {
  if (trx) {
    const result = await work(trx)
    trx.after('commit', () => announce(result))
    return result
  }
  const result = await db.transaction(work)
  await announce(result)
  return result
}

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
