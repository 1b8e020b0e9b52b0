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
}
