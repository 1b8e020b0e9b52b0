import type Call from '#models/call'
import type CallSignal from '#models/call_signal'

/** A call's id and status, as the API answers after a step. */
export function presentCall(call: Call) {
  return { id: call.id, status: call.status }
}

/** A call's id, status and duration (state, hang-up). */
export function presentCallState(call: Call) {
  return { id: call.id, status: call.status, durationSeconds: call.durationSeconds }
}

/** A stored signal as the call page gets it, live or when catching up. */
export function presentSignal(signal: CallSignal) {
  return { type: 'signal', id: Number(signal.id), from: signal.senderId, data: signal.payload }
}
