/*
|--------------------------------------------------------------------------
| Rate limits
|--------------------------------------------------------------------------
*/
import limiter from '@adonisjs/limiter/services/main'

/**
 * Slows down password guessing: attempts per IP and email.
 */
export const loginThrottle = limiter.define('login', (ctx) => {
  const email = String(ctx.request.input('email', '')).toLowerCase()
  return limiter.allowRequests(10).every('1 minute').usingKey(`login_${ctx.request.ip()}_${email}`)
})

/**
 * Keeps one person from flooding the app with new accounts.
 */
export const registerThrottle = limiter.define('register', (ctx) => {
  return limiter.allowRequests(10).every('10 minutes').usingKey(`register_${ctx.request.ip()}`)
})

/**
 * Payment attempts a client can start per minute.
 */
export const paymentIntentThrottle = limiter.define('payment_intent', (ctx) => {
  return limiter
    .allowRequests(10)
    .every('1 minute')
    .usingKey(`payment_intent_${ctx.auth.user?.id ?? ctx.request.ip()}`)
})

/**
 * Re-verification requests per minute from one address.
 */
export const webhookThrottle = limiter.define('esewa_webhook', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(`esewa_webhook_${ctx.request.ip()}`)
})

/**
 * Messages a user can send: a burst of 20, then about one every 3 seconds.
 */
export const chatSendThrottle = limiter.define('chat_send', (ctx) => {
  return limiter
    .allowRequests(20)
    .every('1 minute')
    .usingKey(`chat_send_${ctx.auth.user?.id ?? ctx.request.ip()}`)
})
