/**
 * Where a payment attempt stands. A status only moves forward, along the
 * transitions below; anything else is a bug and throws.
 *
 *   pending ──► complete ──► refunded | canceled      (unlock granted, then revoked)
 *      │  ▲
 *      ▼  │ (eSewa later proves it was paid)
 *   failed | expired ──► complete
 *      └──────────────► duplicate ──► refunded        (paid for a room already unlocked)
 */
export enum PaymentStatus {
  /** Created; the client may be paying. Nothing is unlocked. */
  Pending = 'pending',
  /** eSewa confirmed the payment server-to-server: the room is unlocked. */
  Complete = 'complete',
  /** eSewa said the payment will not happen (canceled before completion). */
  Failed = 'failed',
  /** Never paid within PAYMENT_EXPIRE_MINUTES, as eSewa confirmed. */
  Expired = 'expired',
  /** Paid, but the client had already unlocked the room: an admin refunds it. */
  Duplicate = 'duplicate',
  /** Refunded by eSewa after completion: the unlock is revoked. */
  Refunded = 'refunded',
  /** Canceled or reversed by eSewa after completion: the unlock is revoked. */
  Canceled = 'canceled',
}

const allowedTransitions: Record<PaymentStatus, PaymentStatus[]> = {
  [PaymentStatus.Pending]: [PaymentStatus.Complete, PaymentStatus.Duplicate, PaymentStatus.Failed, PaymentStatus.Expired],
  [PaymentStatus.Failed]: [PaymentStatus.Complete, PaymentStatus.Duplicate],
  [PaymentStatus.Expired]: [PaymentStatus.Complete, PaymentStatus.Duplicate],
  [PaymentStatus.Complete]: [PaymentStatus.Refunded, PaymentStatus.Canceled],
  [PaymentStatus.Duplicate]: [PaymentStatus.Refunded, PaymentStatus.Canceled],
  [PaymentStatus.Refunded]: [],
  [PaymentStatus.Canceled]: [],
}

export function canTransition(from: PaymentStatus, to: PaymentStatus) {
  return allowedTransitions[from].includes(to)
}

/**
 * Raised for a transition the state machine does not allow.
 */
export class IllegalPaymentTransition extends Error {
  constructor(
    readonly from: PaymentStatus,
    readonly to: PaymentStatus
  ) {
    super(`A payment cannot go from ${from} to ${to}`)
  }
}

export function assertTransition(from: PaymentStatus, to: PaymentStatus) {
  if (!canTransition(from, to)) throw new IllegalPaymentTransition(from, to)
}

/** Statuses after which nothing is expected from eSewa unless it proves a payment. */
export const UNPAID_FINAL_STATUSES = [PaymentStatus.Failed, PaymentStatus.Expired]
