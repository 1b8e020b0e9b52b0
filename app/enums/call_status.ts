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

const allowedTransitions: Record<CallStatus, CallStatus[]> = {
  [CallStatus.Ringing]: [CallStatus.Accepted, CallStatus.Rejected, CallStatus.Missed, CallStatus.Cancelled, CallStatus.Failed],
  [CallStatus.Accepted]: [CallStatus.Ended, CallStatus.Failed],
  [CallStatus.Ended]: [],
  [CallStatus.Rejected]: [],
  [CallStatus.Missed]: [],
  [CallStatus.Cancelled]: [],
  [CallStatus.Busy]: [],
  [CallStatus.Failed]: [],
}

export function canTransitionCall(from: CallStatus, to: CallStatus) {
  return allowedTransitions[from].includes(to)
}

/**
 * Raised for a transition the call state machine does not allow.
 */
export class IllegalCallTransition extends Error {
  constructor(
    readonly from: CallStatus,
    readonly to: CallStatus
  ) {
    super(`A call cannot go from ${from} to ${to}`)
  }
}

export function assertCallTransition(from: CallStatus, to: CallStatus) {
  if (!canTransitionCall(from, to)) throw new IllegalCallTransition(from, to)
}

/** Calls that are still going on (a user in one of these is busy). */
export const ACTIVE_CALL_STATUSES = [CallStatus.Ringing, CallStatus.Accepted]
