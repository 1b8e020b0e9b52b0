import emitter from '@adonisjs/core/services/emitter'
import Call from '#models/call'
import type User from '#models/user'
import { CallRefused } from '#calls/call_refused'

/**
 * Relays a WebRTC signal (offer, answer, ICE candidate) to the other
 * browser of an active call.
 */
export default class RelaySignal {
  async handle(from: User, call: Call, data: Record<string, unknown>) {
    const fresh = await Call.findOrFail(call.id)
    if (!fresh.isActive) {
      throw new CallRefused('This call is over', { status: 409, code: 'E_CALL_OVER' })
    }
    await emitter.emit('call:signal', { call: fresh, from, data })
  }
}
