/**
 * What the append-only audit trail of a payment records.
 */
export enum PaymentEventType {
  Created = 'created',
  CheckoutLinkOpened = 'checkout_link_opened',
  Redirected = 'redirected',
  CallbackReceived = 'callback_received',
  CallbackRejected = 'callback_rejected',
  WebhookReceived = 'webhook_received',
  VerificationRequested = 'verification_requested',
  VerificationResponse = 'verification_response',
  StatusChanged = 'status_changed',
  ReplayRejected = 'replay_rejected',
  Reconciled = 'reconciled',
  Flagged = 'flagged',
  /** A success redirect passed every check (v2 signature and fields; v1 fields): its refId may be re-checked. */
  RedirectVerified = 'redirect_verified',
  /** eSewa reported a reference already stored on another payment (both ids in data). */
  RefIdConflict = 'ref_id_conflict',
  /** A complete payment was revoked and another paid one of the same client and room holds the unlock now. */
  UnlockHandedOver = 'unlock_handed_over',
  /** The reconciler's check of this payment threw; the run went on with the next payment. */
  ReconcileFailed = 'reconcile_failed',
}
