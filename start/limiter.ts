/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
|
| Route throttles, with the numbers of config/limits.ts (LIMIT_* settings,
| README "Limits"), read on every request. A spent limit answers 429 with
| Retry-After (#core/http/throttled): the API's JSON error shape, or a page.
| Limits that a middleware cannot decide alone are counted where the
| decision is made, with #core/http/rate_limits: failed logins and sign-ups
| (#accounts/controllers), a transaction's verifications
| (#payments/controllers/esewa_callbacks_controller), typing per
| conversation (#chat/controllers/messages_api_controller).
|
*/
import limiter from '@adonisjs/limiter/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import limits, { type RateLimit } from '#config/limits'
import { limitKey } from '#core/http/rate_limits'

/** A throttle of `limit` per key: the user's id, an address, a call… */
function throttle(name: string, limit: RateLimit, key: (ctx: HttpContext) => (string | number)[]) {
  return limiter.define(name, (ctx) =>
    limiter
      .allowRequests(limit.requests)
      .every(limit.seconds)
      .usingKey(limitKey(...key(ctx)))
  )
}

const userOrIp = (ctx: HttpContext) => [ctx.auth.user?.id ?? `ip:${ctx.request.ip()}`]

/**
 * Payment attempts a client can start.
 */
export const paymentIntentThrottle = throttle(
  'payment_intent',
  limits.paymentIntentPerUser,
  userOrIp
)

/**
 * eSewa's success and failure redirects from one address: each may ask
 * eSewa and writes the audit trail. (A transaction's own redirects are
 * limited in the controller: more only show the payment's state.)
 */
export const esewaCallbackThrottle = throttle(
  'esewa_callback',
  limits.esewaCallbackPerIp,
  (ctx) => [ctx.request.ip()]
)

/**
 * Re-verification requests from one address.
 */
export const webhookThrottle = throttle('esewa_webhook', limits.esewaWebhookPerIp, (ctx) => [
  ctx.request.ip(),
])

/**
 * Messages a user can send: a burst of 20, then about one every 3 seconds.
 */
export const chatSendThrottle = throttle('chat_send', limits.chatSendPerUser, userOrIp)

/**
 * Calls a user starts: each rings the other person and sends a push.
 */
export const callStartThrottle = throttle('call_start', limits.callStartPerUser, userOrIp)

/**
 * WebRTC signals of one user in one call: generous, trickle ICE sends
 * many candidates, and renegotiation more.
 */
export const callSignalThrottle = throttle('call_signal', limits.callSignalPerCall, (ctx) => [
  ...userOrIp(ctx),
  String(ctx.params.id),
])
