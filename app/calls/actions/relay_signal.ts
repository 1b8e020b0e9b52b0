import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import Call from '#models/call'
import CallSignal from '#models/call_signal'
import type User from '#models/user'
import { CallRefused } from '#calls/call_refused'

/**
 * Relays a WebRTC signal (offer, answer, ICE candidate) to the other
 * browser of an active call. The signal is stored first, with an id in
 * the order it was sent: a page whose stream was down fetches the signals
 * after the last id it saw (`GET /calls/:id/signals?after=`), so none is
 * lost. The broadcast follows the commit.
 */
export default class RelaySignal {
  async handle(from: User, call: Call, data: Record<string, unknown>) {
    const signal = await db.transaction(async (trx) => {
      const fresh = await Call.findOrFail(call.id, { client: trx })
      if (!fresh.isActive) {
        throw new CallRefused('This call is over', { status: 409, code: 'E_CALL_OVER' })
      }
      const stored = await CallSignal.create(
        { callId: fresh.id, senderId: from.id, payload: data },
        { client: trx }
      )
      return { call: fresh, stored }
    })
    await emitter.emit('call:signal', {
      call: signal.call,
      from,
      data,
      signalId: Number(signal.stored.id),
    })
    return signal.stored
  }
}
