import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'
import MoveCall from '#calls/actions/move_call'

/** The callee declines a ringing call. */
export default class DeclineCall {
  handle(call: Call, trx?: TransactionClientContract) {
    return new MoveCall().handle(call.id, CallStatus.Rejected, 'declined', trx)
  }
}
