import type Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'

/**
 * "4 min 12 s", "42 s", "1 h 3 min".
 */
export function formatCallDuration(seconds: number) {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (hours) return `${hours} h ${minutes} min`
  if (minutes) return `${minutes} min ${rest} s`
  return `${rest} s`
}

/** The line a finished call leaves in the conversation. */
export function callEntryText(call: Call) {
  switch (call.status) {
    case CallStatus.Ended:
      return `Video call · ${formatCallDuration(call.durationSeconds ?? 0)}`
    case CallStatus.Missed:
      return 'Missed call'
    case CallStatus.Busy:
      return 'Missed call (busy on another call)'
    case CallStatus.Rejected:
      return 'Declined call'
    case CallStatus.Cancelled:
      return 'Cancelled call'
    default:
      return 'Call could not connect'
  }
}

/** A missed call stays unread for the person called; other entries count as seen. */
export function callEntryUnseen(call: Call) {
  return [CallStatus.Missed, CallStatus.Busy, CallStatus.Cancelled].includes(call.status)
}
