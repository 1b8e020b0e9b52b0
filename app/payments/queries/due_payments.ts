import type { DateTime } from 'luxon'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import paymentsConfig from '#config/payments'

/**
 * Payments whose next check is due: pending attempts older than
 * RECONCILE_AFTER_MINUTES, and paid ones due for a refund check.
 */
export function duePayments(now: DateTime, limit: number) {
  const settledBefore = now.minus({ minutes: paymentsConfig.reconcileAfterMinutes })
  return Payment.query()
    .where((query) => {
      query
        .where('status', PaymentStatus.Pending)
        .where('createdAt', '<=', settledBefore.toJSDate())
        .where((next) => next.whereNull('nextCheckAt').orWhere('nextCheckAt', '<=', now.toJSDate()))
    })
    .orWhere((query) => {
      query
        .whereIn('status', [PaymentStatus.Complete, PaymentStatus.Duplicate])
        .whereNotNull('nextCheckAt')
        .where('nextCheckAt', '<=', now.toJSDate())
    })
    .orderBy('id')
    .limit(limit)
}
