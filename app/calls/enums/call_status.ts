import { defineTransitions, IllegalTransition } from '#core/transitions'

/**
 * Where a video call stands. Only the transitions below are allowed;
 * anything else throws.
 *
 *   ringing ──► accepted ──► ended
 *      │            └──────► failed   (the connection never came up)
 *      └──► rejected | missed | cancelled | failed
 *   busy: the callee was already in a call (created final)
 */
export enum CallStatus {
  Ringing = 'ringing',
  Accepted = 'accepted',
  Ended = 'ended',
  Rejected = 'rejected',
  Missed = 'missed',
  Cancelled = 'cancelled',
  Busy = 'busy',
  Failed = 'failed',
}

const callTransitions = defineTransitions<CallStatus>('call', {
  [CallStatus.Ringing]: [
    CallStatus.Accepted,
    CallStatus.Rejected,
    CallStatus.Missed,
    CallStatus.Cancelled,
    CallStatus.Failed,
  ],
  [CallStatus.Accepted]: [CallStatus.Ended, CallStatus.Failed],
  [CallStatus.Ended]: [],
  [CallStatus.Rejected]: [],
  [CallStatus.Missed]: [],
  [CallStatus.Cancelled]: [],
  [CallStatus.Busy]: [],
  [CallStatus.Failed]: [],
})

export const canTransitionCall = callTransitions.can
export const assertCallTransition = callTransitions.assert
export { IllegalTransition as IllegalCallTransition }

/** Calls that are still going on (a user in one of these is busy). */
export const ACTIVE_CALL_STATUSES = [CallStatus.Ringing, CallStatus.Accepted]
