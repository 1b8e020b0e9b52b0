import { DateTime } from 'luxon'
import Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'
import MoveCall from '#calls/actions/move_call'
import callsConfig from '#config/calls'

/**
 * Turns a call still ringing after CALL_RING_TIMEOUT_SECONDS into a missed
 * call (a durable job, ring_timeouts.ts); `expireStale` is the backstop sweep.
 */
export default class ExpireRingingCall {
  async handle(callId: number) {
    const call = await Call.find(callId)
    if (!call || call.status !== CallStatus.Ringing) return call
    // Half a second of slack between the job's clock and the database's.
    if (
      DateTime.now().diff(call.requestedAt, 'seconds').seconds <
      callsConfig.ringTimeoutSeconds - 0.5
    ) {
      return call
    }
    return new MoveCall().handle(call.id, CallStatus.Missed, 'no answer')
  }

  /** Missed-call sweep for rings no job ended (calls from before a deploy). */
  async expireStale() {
    const stale = await Call.query()
      .where('status', CallStatus.Ringing)
      .where(
        'requestedAt',
        '<',
        DateTime.now().minus({ seconds: callsConfig.ringTimeoutSeconds }).toJSDate()
      )
      .limit(100)
    for (const call of stale) await this.handle(call.id)
  }
}
