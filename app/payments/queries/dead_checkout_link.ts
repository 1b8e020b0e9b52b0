import Payment from '#models/payment'
import { CHECKOUT_TOKEN_PATTERN, hashCheckoutToken } from '#payments/checkout_token'

/**
 * Whether a token belongs to a link that has already been used or has
 * expired (to tell the phone what happened).
 */
export async function describeDeadLink(token: string): Promise<'used' | 'expired' | 'unknown'> {
  if (!CHECKOUT_TOKEN_PATTERN.test(token)) return 'unknown'
  const payment = await Payment.findBy('checkoutTokenHash', hashCheckoutToken(token))
  if (!payment) return 'unknown'
  return payment.checkoutUsedAt ? 'used' : 'expired'
}
