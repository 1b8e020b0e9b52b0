import type Call from '#models/call'

/** A call's id and status, as the API answers after a step. */
export function presentCall(call: Call) {
  return { id: call.id, status: call.status }
}

/** A call's id, status and duration (state, hang-up). */
export function presentCallState(call: Call) {
  return { id: call.id, status: call.status, durationSeconds: call.durationSeconds }
}
