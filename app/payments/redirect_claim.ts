import type Payment from '#models/payment'
import type { RedirectClaim } from '#payments/gateways/payment_gateway'

/**
 * Checks a redirect's claim against the stored attempt: the first
 * difference found, or null when it matches.
 */
export function claimMismatch(payment: Payment, claim: RedirectClaim, signed: boolean) {
  if (claim.transactionId !== payment.transactionId)
    return 'transaction id does not match this attempt'
  if (signed && claim.productCode !== payment.productCode)
    return 'product code differs from this attempt'
  if (signed && claim.status !== 'COMPLETE') return `redirect status is ${claim.status}`
  if (claim.amountPaisa !== payment.amountPaisa) return 'amount differs from this attempt'
  return null
}

/**
 * The redirect query as received, cut to a sane size for the audit trail.
 */
export function loggableQuery(query: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(query)
      .slice(0, 20)
      .map(([key, value]) => [
        key.slice(0, 40),
        typeof value === 'string' ? value.slice(0, 2000) : value,
      ])
  )
}
