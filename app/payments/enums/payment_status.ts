import { defineTransitions, IllegalTransition } from '#core/transitions'

/**
 * Where a payment attempt stands. A status only moves forward, along the
 * transitions below; anything else is a bug and throws.
 *
 *   pending ──► complete ──► refunded | canceled      (unlock granted, then revoked)
 *      │  ▲
 *      ▼  │ (eSewa later proves it was paid)
 *   failed | expired ──► complete
 *      └──────────────► duplicate ──► refunded | canceled   (paid for a room already unlocked)
 *                           └──► complete   (the unlock it duplicated was revoked: it holds the unlock now)
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
  /**
   * Paid, but the client had already unlocked the room: an admin refunds it.
   * Still paid: if the other unlock is revoked first, this one takes over.
   */
  Duplicate = 'duplicate',
  /** Refunded by eSewa after completion: the unlock is revoked. */
  Refunded = 'refunded',
  /** Canceled or reversed by eSewa after completion: the unlock is revoked. */
  Canceled = 'canceled',
}

const paymentTransitions = defineTransitions<PaymentStatus>('payment', {
  [PaymentStatus.Pending]: [
    PaymentStatus.Complete,
    PaymentStatus.Duplicate,
    PaymentStatus.Failed,
    PaymentStatus.Expired,
  ],
  [PaymentStatus.Failed]: [PaymentStatus.Complete, PaymentStatus.Duplicate],
  [PaymentStatus.Expired]: [PaymentStatus.Complete, PaymentStatus.Duplicate],
  [PaymentStatus.Complete]: [PaymentStatus.Refunded, PaymentStatus.Canceled],
  [PaymentStatus.Duplicate]: [
    PaymentStatus.Complete,
    PaymentStatus.Refunded,
    PaymentStatus.Canceled,
  ],
  [PaymentStatus.Refunded]: [],
  [PaymentStatus.Canceled]: [],
})

export const canTransition = paymentTransitions.can
export const assertTransition = paymentTransitions.assert
export { IllegalTransition as IllegalPaymentTransition }

/** Statuses after which nothing is expected from eSewa unless it proves a payment. */
export const UNPAID_FINAL_STATUSES = [PaymentStatus.Failed, PaymentStatus.Expired]
