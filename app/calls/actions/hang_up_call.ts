import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Call from '#models/call'
import type User from '#models/user'
import { CallStatus } from '#calls/enums/call_status'
import MoveCall from '#calls/actions/move_call'

/**
 * Hanging up, closing the tab or losing the connection: a ringing call is
 * cancelled (caller) or declined (callee); an answered call ends, or
 * fails if the media connection never came up. A call already over stays
 * as it is.
 */
export default class HangUpCall {
  async handle(user: User, call: Call, reason = 'hung up', trx?: TransactionClientContract) {
    const fresh = await Call.findOrFail(call.id, { client: trx })
    if (fresh.status === CallStatus.Ringing) {
      const to = user.id === fresh.callerId ? CallStatus.Cancelled : CallStatus.Rejected
      return new MoveCall().handle(fresh.id, to, reason, trx)
    }
    if (fresh.status === CallStatus.Accepted) {
      const to = fresh.connectedAt ? CallStatus.Ended : CallStatus.Failed
      return new MoveCall().handle(fresh.id, to, reason, trx)
    }
    return fresh
  }
}
