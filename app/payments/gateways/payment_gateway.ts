import type Payment from '#models/payment'
import type { PaymentGatewayName } from '#models/payment'

/**
 * The signed (v2) or plain (v1) form the payer's browser posts to eSewa.
 */
export type CheckoutForm = { action: string; fields: Record<string, string> }

/**
 * What eSewa says of a transaction, server to server. Only `complete`
 * (with the amount eSewa reports) can unlock anything.
 */
export type GatewayStatus =
  | { outcome: 'complete'; refId: string; amountPaisa: number | null }
  | { outcome: 'pending' }
  | { outcome: 'not_found' }
  | { outcome: 'ambiguous'; refId: string | null }
  | { outcome: 'canceled'; refId: string | null }
  | { outcome: 'full_refund'; refId: string | null }
  | { outcome: 'partial_refund'; refId: string | null }
  | { outcome: 'unknown'; status: string }
  | { outcome: 'error'; reason: string }

/**
 * A status check with what was asked and what came back, for the audit trail.
 */
export type StatusCheck = {
  status: GatewayStatus
  request: Record<string, unknown>
  response: Record<string, unknown>
}

/**
 * What a success redirect claims. A claim is a hint: the status check decides.
 */
export type RedirectClaim = {
  transactionId: string
  refId: string | null
  amountPaisa: number | null
  productCode: string | null
  status: string | null
}

export type RedirectReading =
  { ok: true; claim: RedirectClaim; signed: boolean } | { ok: false; reason: string }

/**
 * One way of taking money through eSewa: ePay v2 (signed) or v1 (legacy).
 * The local sandbox, UAT and production differ by configuration only.
 */
export interface PaymentGateway {
  readonly name: PaymentGatewayName

  /** The form that starts the payment at eSewa. */
  checkoutForm(payment: Payment): CheckoutForm

  /** Reads (and, for v2, authenticates) the query of a success redirect. */
  readSuccessRedirect(query: Record<string, unknown>): RedirectReading

  /** Asks eSewa what happened to the payment. Never throws. */
  checkStatus(payment: Payment, hints?: { refId?: string | null }): Promise<StatusCheck>
}

/** Response bodies kept in the audit trail are cut to this length. */
export const MAX_LOGGED_BODY = 2000

export function describeAxiosError(error: unknown): string {
  const err = error as { code?: string; message?: string }
  if (err?.code === 'ECONNABORTED' || err?.code === 'ETIMEDOUT') return 'timeout'
  return [err?.code, err?.message].filter(Boolean).join(': ') || 'request failed'
}
