import { createHmac } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import transmit from '@adonisjs/transmit/services/main'
import { Exception } from '@adonisjs/core/exceptions'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Broadcastable } from '@boringnode/transmit/types'
import Call from '#models/call'
import Conversation from '#models/conversation'
import Message from '#models/message'
import User from '#models/user'
import { callTag, notifyUser, PushKind } from '#push/push_notifier'
import { ACTIVE_CALL_STATUSES, CallStatus, assertCallTransition } from '#calls/enums/call_status'
import callsConfig from '#config/calls'
import { chatAccess } from '#chat/chat_access'
import { ChatService } from '#chat/chat_service'
import { callChannel, userChannel } from '#core/live/channels'

/**
 * Refusals with a stable code, as JSON or a status page.
 */
export class CallRefused extends Exception {}

/**
 * "4 min 12 s", "42 s", "1 h 3 min".
 */
export function formatCallDuration(seconds: number) {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (hours) return `${hours} h ${minutes} min`
  if (minutes) return `${minutes} min ${rest} s`
  return `${rest} s`
}

/** The line a finished call leaves in the conversation. */
export function callEntryText(call: Call) {
  switch (call.status) {
    case CallStatus.Ended:
      return `Video call · ${formatCallDuration(call.durationSeconds ?? 0)}`
    case CallStatus.Missed:
      return 'Missed call'
    case CallStatus.Busy:
      return 'Missed call (busy on another call)'
    case CallStatus.Rejected:
      return 'Declined call'
    case CallStatus.Cancelled:
      return 'Cancelled call'
    default:
      return 'Call could not connect'
  }
}

const ringTimers = new Map<number, NodeJS.Timeout>()

/**
 * Cancels every pending ring timeout (when the app stops, and in tests).
 */
export function cancelRingTimers() {
  for (const timer of ringTimers.values()) clearTimeout(timer)
  ringTimers.clear()
}

/**
 * Video calls between the two people of a conversation: starting,
 * answering, ending, and relaying WebRTC signals. Every step re-checks
 * that the user is a participant whose conversation is still open.
 */
export class CallService {
  /**
   * The call a user asks about, if they are one of its two people and the
   * unlock still stands.
   */
  async findUsable(user: User, callId: number) {
    const call = await Call.find(callId)
    if (!call) throw new Exception('No such call', { status: 404, code: 'E_NOT_FOUND' })
    await this.#assertAccess(user, call)
    return call
  }

  /**
   * Rings the other person of the conversation. If they are already in a
   * call, the call is recorded as busy.
   */
  async start(caller: User, conversation: Conversation) {
    const access = await chatAccess(caller.id, conversation)
    if (!access.allowed) {
      throw new CallRefused(
        access.reason === 'unlock_revoked'
          ? 'This conversation is closed'
          : 'This conversation is not yours',
        {
          status: 403,
          code: access.reason === 'unlock_revoked' ? 'E_UNLOCK_REVOKED' : 'E_CALL_FORBIDDEN',
        }
      )
    }
    const calleeId = conversation.otherParticipantId(caller.id)

    const { call, entry } = await db.transaction(async (trx) => {
      // Serialize call set-ups that involve these two people.
      await trx
        .from('users')
        .whereIn('id', [caller.id, calleeId])
        .orderBy('id')
        .forUpdate()
        .select('id')
      if (await this.#activeCallOf(caller.id, trx)) {
        throw new CallRefused('You are already in a call', {
          status: 409,
          code: 'E_ALREADY_IN_CALL',
        })
      }
      const now = DateTime.now()
      const calleeBusy = Boolean(await this.#activeCallOf(calleeId, trx))
      const created = await Call.create(
        {
          conversationId: conversation.id,
          callerId: caller.id,
          calleeId,
          status: calleeBusy ? CallStatus.Busy : CallStatus.Ringing,
          requestedAt: now,
          endedAt: calleeBusy ? now : null,
          endReason: calleeBusy ? 'callee busy' : null,
        },
        { client: trx }
      )
      return { call: created, entry: calleeBusy ? await this.#recordEntry(created, trx) : null }
    })

    if (call.status === CallStatus.Ringing) {
      const room = await conversation.related('room').query().first()
      transmit.broadcast(userChannel(calleeId), {
        type: 'call.incoming',
        callId: call.id,
        callerName: caller.firstName,
        roomTitle: room?.title ?? '',
        url: urlFor('calls.show', { id: call.id }),
      })
      this.#scheduleRingTimeout(call.id)
      const url = urlFor('calls.show', { id: call.id })
      notifyUser(calleeId, {
        kind: PushKind.Call,
        title: `${caller.firstName} is video calling`,
        body: room?.title ?? 'Kotha video call',
        url,
        tag: callTag(call.id),
        ttlSeconds: callsConfig.ringTimeoutSeconds,
        actions: [{ action: 'open-call', title: 'Answer', url }],
      })
    } else if (entry) {
      await new ChatService().announce(entry)
    }
    return call
  }

  /** The callee answers (from the call page, once it listens for signals). */
  accept(user: User, call: Call) {
    return this.#transition(user, call, CallStatus.Accepted, 'answered', { onlyCallee: true })
  }

  /** The callee declines a ringing call. */
  decline(user: User, call: Call) {
    return this.#transition(user, call, CallStatus.Rejected, 'declined', { onlyCallee: true })
  }

  /**
   * Hanging up, closing the tab or losing the connection: a ringing call is
   * cancelled (caller) or declined (callee); an answered call ends, or
   * fails if the media connection never came up.
   */
  async hangUp(user: User, call: Call, reason = 'hung up') {
    const fresh = await Call.findOrFail(call.id)
    if (fresh.status === CallStatus.Ringing) {
      return this.#transition(
        user,
        fresh,
        user.id === fresh.callerId ? CallStatus.Cancelled : CallStatus.Rejected,
        reason
      )
    }
    if (fresh.status === CallStatus.Accepted) {
      return this.#transition(
        user,
        fresh,
        fresh.connectedAt ? CallStatus.Ended : CallStatus.Failed,
        reason
      )
    }
    return fresh
  }

  /** A browser could not set up the connection. */
  fail(user: User, call: Call, reason: string) {
    return this.#transition(user, call, CallStatus.Failed, reason.slice(0, 60))
  }

  /** A browser reports the media connection is up. */
  async markConnected(user: User, call: Call) {
    await this.#assertAccess(user, call)
    await Call.query()
      .where('id', call.id)
      .where('status', CallStatus.Accepted)
      .whereNull('connectedAt')
      .update({ connectedAt: new Date() })
    transmit.broadcast(callChannel(call.id), { type: 'call.connected', by: user.id })
  }

  /**
   * Relays a WebRTC signal (offer, answer, ICE candidate) to the other
   * browser of an active call.
   */
  async signal(user: User, call: Call, data: Broadcastable) {
    await this.#assertAccess(user, call)
    const fresh = await Call.findOrFail(call.id)
    if (!fresh.isActive)
      throw new CallRefused('This call is over', { status: 409, code: 'E_CALL_OVER' })
    transmit.broadcast(callChannel(call.id), { type: 'signal', from: user.id, data })
  }

  /**
   * Turns a call still ringing after CALL_RING_TIMEOUT_SECONDS into a missed call.
   */
  async expireRinging(callId: number) {
    ringTimers.delete(callId)
    const call = await Call.find(callId)
    if (!call || call.status !== CallStatus.Ringing) return call
    if (
      DateTime.now().diff(call.requestedAt, 'seconds').seconds <
      callsConfig.ringTimeoutSeconds - 0.5
    )
      return call
    return this.#apply(call.id, CallStatus.Missed, 'no answer')
  }

  /**
   * Missed-call sweep for rings whose timer was lost (a server restart).
   */
  async expireStaleRings() {
    const stale = await Call.query()
      .where('status', CallStatus.Ringing)
      .where(
        'requestedAt',
        '<',
        DateTime.now().minus({ seconds: callsConfig.ringTimeoutSeconds }).toJSDate()
      )
      .limit(100)
    for (const call of stale) await this.expireRinging(call.id)
  }

  /**
   * ICE servers for a user's browser: the configured ones, and TURN with
   * credentials valid for TURN_TTL_SECONDS (coturn's REST-API scheme).
   */
  iceServersFor(user: User) {
    const servers: { urls: string | string[]; username?: string; credential?: string }[] = [
      ...callsConfig.iceServers,
    ]
    if (callsConfig.turnSecret && callsConfig.turnUrls.length) {
      const username = `${Math.floor(Date.now() / 1000) + callsConfig.turnTtlSeconds}:kotha-${user.id}`
      const credential = createHmac('sha1', callsConfig.turnSecret)
        .update(username)
        .digest('base64')
      servers.push({ urls: callsConfig.turnUrls, username, credential })
    }
    return servers
  }

  async #transition(
    user: User,
    call: Call,
    to: CallStatus,
    reason: string,
    options: { onlyCallee?: boolean } = {}
  ) {
    await this.#assertAccess(user, call)
    if (options.onlyCallee && user.id !== call.calleeId) {
      throw new CallRefused('Only the person called can do that', {
        status: 403,
        code: 'E_NOT_CALLEE',
      })
    }
    return this.#apply(call.id, to, reason)
  }

  /**
   * Moves a call to a new status under a row lock, records its entry in the
   * conversation when it is over, and tells both browsers.
   */
  async #apply(callId: number, to: CallStatus, reason: string) {
    const { call, entry } = await db.transaction(async (trx) => {
      const locked = await Call.query({ client: trx }).where('id', callId).forUpdate().firstOrFail()
      if (!(ACTIVE_CALL_STATUSES as CallStatus[]).includes(locked.status)) {
        throw new CallRefused(`This call is already ${locked.status}`, {
          status: 409,
          code: 'E_CALL_OVER',
        })
      }
      assertCallTransition(locked.status, to)
      const now = DateTime.now()
      locked.status = to
      if (to === CallStatus.Accepted) {
        locked.answeredAt = now
      } else {
        locked.endedAt = now
        locked.endReason = reason
        if (to === CallStatus.Ended && locked.connectedAt) {
          locked.durationSeconds = Math.max(
            0,
            Math.round(now.diff(locked.connectedAt, 'seconds').seconds)
          )
        }
      }
      locked.useTransaction(trx)
      await locked.save()
      return { call: locked, entry: locked.isActive ? null : await this.#recordEntry(locked, trx) }
    })

    if (!call.isActive) {
      const timer = ringTimers.get(call.id)
      if (timer) clearTimeout(timer)
      ringTimers.delete(call.id)
    }
    const update = {
      type: 'call.status',
      callId: call.id,
      status: call.status,
      durationSeconds: call.durationSeconds,
    }
    transmit.broadcast(callChannel(call.id), update)
    transmit.broadcast(userChannel(call.calleeId), update)
    if (entry) await new ChatService().announce(entry)
    if (call.status === CallStatus.Missed || call.status === CallStatus.Cancelled) {
      const caller = await User.find(call.callerId)
      // Replaces the ringing notification (same tag).
      notifyUser(call.calleeId, {
        kind: PushKind.MissedCall,
        title: `Missed call from ${caller?.firstName ?? 'Kotha'}`,
        body: 'Open the chat to call back.',
        url: urlFor('chat.show', { id: call.conversationId }),
        tag: callTag(call.id),
      })
    }
    return call
  }

  /**
   * The call's line in the conversation. A missed call stays unread for the
   * person called; other entries count as seen.
   */
  async #recordEntry(call: Call, trx: TransactionClientContract) {
    const unseen = [CallStatus.Missed, CallStatus.Busy, CallStatus.Cancelled].includes(call.status)
    const message = await Message.create(
      {
        conversationId: call.conversationId,
        senderId: call.callerId,
        receiverId: call.calleeId,
        content: callEntryText(call),
        callId: call.id,
        readAt: unseen ? null : DateTime.now(),
      },
      { client: trx }
    )
    await Conversation.query({ client: trx })
      .where('id', call.conversationId)
      .update({ lastMessageAt: new Date() })
    return message
  }

  async #activeCallOf(userId: number, trx: TransactionClientContract) {
    return Call.query({ client: trx })
      .whereIn('status', ACTIVE_CALL_STATUSES)
      .where((query) => query.where('callerId', userId).orWhere('calleeId', userId))
      .first()
  }

  async #assertAccess(user: User, call: Call) {
    if (!call.isParticipant(user.id)) {
      throw new CallRefused('This call is not yours', { status: 403, code: 'E_CALL_FORBIDDEN' })
    }
    const conversation = await Conversation.findOrFail(call.conversationId)
    const access = await chatAccess(user.id, conversation)
    if (!access.allowed) {
      throw new CallRefused('This conversation is closed', {
        status: 403,
        code: 'E_UNLOCK_REVOKED',
      })
    }
  }

  #scheduleRingTimeout(callId: number) {
    const timer = setTimeout(() => {
      this.expireRinging(callId).catch((error) =>
        logger.error({ err: error }, 'ring timeout failed')
      )
    }, callsConfig.ringTimeoutSeconds * 1000)
    timer.unref()
    ringTimers.set(callId, timer)
  }
}
