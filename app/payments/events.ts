/*
 * What happens in payments, for the other domains to react to after the
 * change is committed (start/events.ts registers the listeners).
 */
import type Payment from '#models/payment'
import type { PaymentStatus } from '#payments/enums/payment_status'

/** A payment moved to another status; emitted after the commit. */
export type PaymentStatusChanged = { payment: Payment; previousStatus: PaymentStatus }

declare module '@adonisjs/core/types' {
  interface EventsList {
    'payment:status_changed': PaymentStatusChanged
  }
}
