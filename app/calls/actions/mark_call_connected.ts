import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Call from '#models/call'
import type User from '#models/user'
import { CallStatus } from '#calls/enums/call_status'
import { afterCommit } from '#core/database/after_commit'

/**
 * A browser reports the media connection is up: the first report of an
 * answered call starts its clock. Both browsers are told after the commit.
 */
export default class MarkCallConnected {
  async handle(user: User, call: Call, trx?: TransactionClientContract) {
    await afterCommit(
      trx,
      (client) =>
        Call.query({ client })
          .where('id', call.id)
          .where('status', CallStatus.Accepted)
          .whereNull('connectedAt')
          .update({ connectedAt: new Date() }),
      () => emitter.emit('call:connected', { call, user })
    )
  }
}
