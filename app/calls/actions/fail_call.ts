import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'
import MoveCall from '#calls/actions/move_call'

/** A browser could not set up the connection. */
export default class FailCall {
  handle(call: Call, reason: string, trx?: TransactionClientContract) {
    return new MoveCall().handle(call.id, CallStatus.Failed, reason.slice(0, 60), trx)
  }
}
