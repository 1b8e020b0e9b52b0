import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { EventsList } from '@adonisjs/core/types'
import callsConfig from '#config/calls'
import { formatNpr } from '#core/format'
import User from '#models/user'
import { PushKind } from '#push/enums/push_kind'
import { messagePreview } from '#models/message'
import { callTag, messageTag } from '#push/push_notification'
import { notifyUser, resetPushBurst } from '#push/notify_user'

/** Payment and call statuses, as their values (this domain reads no other domain's enums). */
const COMPLETE = 'complete'
const DUPLICATE = 'duplicate'
const RING_ENDED_UNANSWERED = new Set(['missed', 'cancelled'])

/**
 * The only place that decides which events become push notifications and
 * words them. Outbox listeners (start/events.ts): they run inside the
 * transaction of the change and queue durable jobs in it, keyed by the
 * change, so a notification is neither lost nor sent twice.
 */
export default class PushNotifications {
  /** A completed unlock: the owner hears of it on their devices. */
  async onPaymentStatusChanged(
    { payment, previousStatus }: EventsList['payment:status_changed'],
    trx: TransactionClientContract
  ) {
    if (String(payment.status) !== COMPLETE) return
    // A duplicate payment taking over a revoked unlock: the room stayed unlocked, no news.
    if (String(previousStatus) === DUPLICATE) return
    const { room, client } = payment
    await notifyUser(
      payment.ownerId,
      {
        kind: PushKind.Unlock,
        title: 'Room unlocked',
        body: `${client?.firstName || 'A client'} unlocked “${room?.title ?? 'your room'}” (${formatNpr(payment.amount)}).`,
        url: urlFor('chat.index'),
      },
      { trx, key: `unlock:${payment.transactionId}` }
    )
  }

  /** A new message reaches the receiver; a call's entry is announced by the call itself. */
  async onMessageSent(
    { message, conversation, sender }: EventsList['message:sent'],
    trx: TransactionClientContract
  ) {
    if (message.callId) return
    await notifyUser(
      message.receiverId,
      {
        kind: PushKind.Message,
        title: sender.firstName,
        body: messagePreview(message, 200) || 'Sent a photo',
        url: urlFor('chat.show', { id: conversation.id }),
        tag: messageTag(conversation.id),
      },
      { trx, key: `message:${message.id}:${message.createdAt.toMillis()}` }
    )
  }

  /** Reading a conversation starts its burst count again (a live listener, after commit). */
  async onMessagesRead({ reader, conversation }: EventsList['messages:read']) {
    await guarded('read', async () => {
      resetPushBurst(reader.id, messageTag(conversation.id))
    })
  }

  /** A ringing call: the callee's devices ring, with an Answer button. */
  async onCallRinging(
    { call, caller, roomTitle }: EventsList['call:ringing'],
    trx: TransactionClientContract
  ) {
    const url = urlFor('calls.show', { id: call.id })
    await notifyUser(
      call.calleeId,
      {
        kind: PushKind.Call,
        title: `${caller.firstName} is video calling`,
        body: roomTitle || 'Kotha video call',
        url,
        tag: callTag(call.id),
        ttlSeconds: callsConfig.ringTimeoutSeconds,
        actions: [{ action: 'open-call', title: 'Answer', url }],
      },
      { trx, key: `call:${call.id}:${call.requestedAt.toMillis()}:ringing` }
    )
  }

  /** A ring that ended unanswered (missed, or cancelled by the caller) becomes a missed call. */
  async onCallStatusChanged(
    { call }: EventsList['call:status_changed'],
    trx: TransactionClientContract
  ) {
    if (!RING_ENDED_UNANSWERED.has(String(call.status))) return
    const caller = await User.find(call.callerId, { client: trx })
    // Replaces the ringing notification (same tag).
    await notifyUser(
      call.calleeId,
      {
        kind: PushKind.MissedCall,
        title: `Missed call from ${caller?.firstName ?? 'Kotha'}`,
        body: 'Open the chat to call back.',
        url: urlFor('chat.show', { id: call.conversationId }),
        tag: callTag(call.id),
      },
      { trx, key: `call:${call.id}:${call.requestedAt.toMillis()}:missed` }
    )
  }
}

/** Runs one listener's work; a failure is logged, never thrown at the emitter. */
async function guarded(what: string, work: () => Promise<void>) {
  try {
    await work()
  } catch (error) {
    logger.error({ err: error }, `push notification (${what}) not sent`)
  }
}
