import env from '#start/env'

/**
 * What unlocking a room costs and how long attempts live.
 */
const paymentsConfig = {
  /** The price of one unlock, in rupees; nothing the browser sends changes it. */
  unlockPriceNpr: env.get('UNLOCK_PRICE_NPR', 30),
  /** An attempt never paid is expired after this many minutes (checked with eSewa first). */
  expireAfterMinutes: env.get('PAYMENT_EXPIRE_MINUTES', 60),
  /** Lifetime of the scan-to-pay link in the QR code. */
  checkoutLinkMinutes: env.get('CHECKOUT_LINK_MINUTES', 10),
  /** The reconciler looks at attempts still pending after this many minutes. */
  reconcileAfterMinutes: env.get('RECONCILE_AFTER_MINUTES', 5),
  /** How often the web server runs the reconciler; 0 turns the schedule off. */
  reconcileIntervalSeconds: env.get('RECONCILE_INTERVAL_SECONDS', 60),
}

export type PaymentsConfig = typeof paymentsConfig
export default paymentsConfig
