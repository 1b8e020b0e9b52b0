import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Call from '#models/call'
import type Message from '#models/message'
import PostCallEntry from '#chat/actions/post_call_entry'
import { ACTIVE_CALL_STATUSES, CallStatus, assertCallTransition } from '#calls/enums/call_status'
import { callEntryText, callEntryUnseen } from '#calls/call_entry_text'
import { CallRefused } from '#calls/call_refused'
import { emitCallEntry } from '#calls/call_events'
import { afterCommit } from '#core/database/after_commit'
import { announce } from '#core/events/outbox'

type Moved = { call: Call; entry: Message | null }

/**
 * Moves a call to a new status under a row lock: the answer time, or the
 * end time, reason and duration, and the call's entry in the conversation
 * once it is over. After the commit both browsers are told, and chat gets
 * the entry.
 */
export default class MoveCall {
  async handle(callId: number, to: CallStatus, reason: string, trx?: TransactionClientContract) {
    const { call } = await afterCommit(
      trx,
      (client) => this.#move(callId, to, reason, client),
      (moved) => this.#announce(moved)
    )
    return call
  }

  async #move(
    callId: number,
    to: CallStatus,
    reason: string,
    trx: TransactionClientContract
  ): Promise<Moved> {
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
    // Live pages hear of it after the commit; a missed call's notification is queued in it.
    await announce(trx, 'call:status_changed', { call: locked })
    if (locked.isActive) return { call: locked, entry: null }
    const entry = await new PostCallEntry().handle(
      locked,
      callEntryText(locked),
      { unseen: callEntryUnseen(locked) },
      trx
    )
    return { call: locked, entry }
  }

  async #announce({ call, entry }: Moved) {
    if (entry) await emitCallEntry(call, entry)
  }
}
