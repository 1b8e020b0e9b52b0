import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Call from '#models/call'
import type Conversation from '#models/conversation'
import type Message from '#models/message'
import type User from '#models/user'
import PostCallEntry from '#chat/actions/post_call_entry'
import { ACTIVE_CALL_STATUSES, CallStatus } from '#calls/enums/call_status'
import { callEntryText, callEntryUnseen } from '#calls/call_entry_text'
import { CallRefused } from '#calls/call_refused'
import { emitCallEntry } from '#calls/call_events'
import { afterCommit } from '#core/database/after_commit'
import { scheduleRingTimeout } from '#calls/ring_timeouts'
import { announce } from '#core/events/outbox'
import callsConfig from '#config/calls'

type Started = { call: Call; entry: Message | null }

/**
 * Rings the other person of the conversation (the caller's access is
 * checked by CallPolicy.start). If the callee is already in a call, the
 * call is recorded as busy, with its entry in the conversation.
 */
export default class StartCall {
  async handle(caller: User, conversation: Conversation, trx?: TransactionClientContract) {
    const { call } = await afterCommit(
      trx,
      (client) => this.#create(caller, conversation, client),
      (started) => this.#announce(caller, conversation, started)
    )
    return call
  }

  async #create(
    caller: User,
    conversation: Conversation,
    trx: TransactionClientContract
  ): Promise<Started> {
    const calleeId = conversation.otherParticipantId(caller.id)
    // Serialize call set-ups that involve these two people.
    await trx
      .from('users')
      .whereIn('id', [caller.id, calleeId])
      .orderBy('id')
      .forUpdate()
      .select('id')
    if (await this.#activeCallOf(caller.id, trx)) {
      throw new CallRefused('You are already in a call', { status: 409, code: 'E_ALREADY_IN_CALL' })
    }
    const now = DateTime.now()
    const calleeBusy = Boolean(await this.#activeCallOf(calleeId, trx))
    const call = await Call.create(
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
    if (!calleeBusy) {
      await this.#ring(call, caller, conversation, trx)
      return { call, entry: null }
    }
    const entry = await new PostCallEntry().handle(
      call,
      callEntryText(call),
      { unseen: callEntryUnseen(call) },
      trx
    )
    return { call, entry }
  }

  /**
   * In the call's transaction: its ring timeout (a durable job) and the
   * callee's notification; the ringing banner follows the commit.
   */
  async #ring(
    call: Call,
    caller: User,
    conversation: Conversation,
    trx: TransactionClientContract
  ) {
    const room = await conversation.related('room').query().useTransaction(trx).first()
    await scheduleRingTimeout(call, callsConfig.ringTimeoutSeconds, trx)
    await announce(trx, 'call:ringing', { call, caller, roomTitle: room?.title ?? '' })
  }

  async #announce(caller: User, conversation: Conversation, { entry, call }: Started) {
    if (entry) await emitCallEntry(call, entry, { caller, conversation })
  }

  #activeCallOf(userId: number, trx: TransactionClientContract) {
    return Call.query({ client: trx })
      .whereIn('status', ACTIVE_CALL_STATUSES)
      .where((query) => query.where('callerId', userId).orWhere('calleeId', userId))
      .first()
  }
}
