/*
 * The words settlement speaks in: where a check came from, what it gave,
 * and when the reconciler asks eSewa next.
 */
import type Payment from '#models/payment'
import type { GatewayStatus } from '#payments/gateways/payment_gateway'

/** What caused eSewa to be asked about a payment. */
export type SettlementSource = 'success_redirect' | 'failure_redirect' | 'webhook' | 'reconciler'

/** The payment after a redirect, webhook or reconciler check, and what eSewa said. */
export type SettlementResult = {
  payment: Payment
  /** What eSewa said this time ('rejected' when the redirect was refused before asking). */
  outcome: GatewayStatus['outcome'] | 'rejected' | 'skipped'
  changed: boolean
  reason?: string
}

/** Waits between reconciler checks of a pending payment: 5 min, 15 min, 1 h, 6 h, 24 h. */
export const RECHECK_DELAYS_MINUTES = [5, 15, 60, 360, 1440]
/** Completed payments are asked again after a day and a week, to catch refunds. */
export const REFUND_WATCH_DAYS = [1, 7]
/** Consecutive failed checks after which an admin is asked to look. */
export const ERRORS_BEFORE_FLAG = 5
