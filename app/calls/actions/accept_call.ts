import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'
import MoveCall from '#calls/actions/move_call'

/** The callee answers (from the call page, once it listens for signals). */
export default class AcceptCall {
  handle(call: Call, trx?: TransactionClientContract) {
    return new MoveCall().handle(call.id, CallStatus.Accepted, 'answered', trx)
  }
}
