import env from '#start/env'

/**
 * One rate limit: at most `requests` in a fixed window of `seconds`.
 */
export type RateLimit = { requests: number; seconds: number }

/**
 * Reads a `<requests>/<window>` setting such as `30/10m` (s, m or h),
 * already checked by start/env.ts.
 */
export function parseRateLimit(spec: string): RateLimit {
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smh])$/.exec(spec.trim())
  if (!match) throw new Error(`"${spec}" is not a rate limit like 30/10m`)
  const unit = { s: 1, m: 60, h: 3600 }[match[3] as 's' | 'm' | 'h']
  return { requests: Number(match[1]), seconds: Number(match[2]) * unit }
}

/**
 * Every rate limit of the app (README "Limits"). Counters live in
 * LIMITER_STORE. Tests may raise one for a test and put it back
 * (tests/helpers/limits.ts): the limiters read these on every request.
 */
const limits = {
  /** Failed logins from one address, whatever the email (password spraying). */
  loginPerIp: parseRateLimit(env.get('LIMIT_LOGIN_PER_IP', '30/10m')),
  /** Failed logins to one email, from any address; a successful login resets it. */
  loginPerAccount: parseRateLimit(env.get('LIMIT_LOGIN_PER_ACCOUNT', '5/15m')),
  /** Sign-ups from one address. */
  registerPerIp: parseRateLimit(env.get('LIMIT_REGISTER_PER_IP', '10/10m')),
  /** Payment attempts a client starts. */
  paymentIntentPerUser: parseRateLimit(env.get('LIMIT_PAYMENT_INTENT_PER_USER', '10/1m')),
  /** eSewa success/failure redirects from one address (each may ask eSewa). */
  esewaCallbackPerIp: parseRateLimit(env.get('LIMIT_ESEWA_CALLBACK_PER_IP', '30/1m')),
  /** Redirects of one transaction that are verified; more only show its state. */
  esewaCallbackPerTransaction: parseRateLimit(
    env.get('LIMIT_ESEWA_CALLBACK_PER_TRANSACTION', '5/1m')
  ),
  /** Re-verification webhooks from one address. */
  esewaWebhookPerIp: parseRateLimit(env.get('LIMIT_ESEWA_WEBHOOK_PER_IP', '60/1m')),
  /** Chat messages a user sends. */
  chatSendPerUser: parseRateLimit(env.get('LIMIT_CHAT_SEND_PER_USER', '20/1m')),
  /** Typing signals of one user in one conversation (the page sends one per 2.5 s at most). */
  typingPerConversation: parseRateLimit(env.get('LIMIT_TYPING_PER_CONVERSATION', '30/1m')),
  /** Calls a user starts (each rings the other person and sends a push). */
  callStartPerUser: parseRateLimit(env.get('LIMIT_CALL_START_PER_USER', '10/5m')),
  /** WebRTC signals of one user in one call (trickle ICE sends dozens). */
  callSignalPerCall: parseRateLimit(env.get('LIMIT_CALL_SIGNAL_PER_CALL', '300/1m')),
}

export type LimitName = keyof typeof limits

export default limits
