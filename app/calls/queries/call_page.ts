import Conversation from '#models/conversation'
import type Call from '#models/call'
import type User from '#models/user'
import { iceServersFor } from '#calls/turn_credentials'
import { lastSignalIdFromOther } from '#calls/queries/call_signals'
import callsConfig from '#config/calls'

/**
 * What the call page shows `me`: the conversation with its room and both
 * people, the other person, my role, and the ICE servers my browser uses.
 */
export async function callPage(me: User, call: Call) {
  const conversation = await Conversation.query()
    .where('id', call.conversationId)
    .preload('room')
    .preload('client')
    .preload('owner')
    .firstOrFail()
  const other = me.id === conversation.ownerId ? conversation.client : conversation.owner
  return {
    call,
    conversation,
    other,
    role: me.id === call.callerId ? 'caller' : 'callee',
    iceServers: iceServersFor(me),
    // Where the page's signal catch-up starts: what it missed is after this.
    lastSignalId: await lastSignalIdFromOther(me, call),
    ringTimeoutSeconds: callsConfig.ringTimeoutSeconds,
  }
}
