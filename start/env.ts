/*
|--------------------------------------------------------------------------
| Environment variables
|--------------------------------------------------------------------------
|
| Every setting the app reads, validated at boot. `.env.example` documents
| each one with its default.
|
*/
import { Env } from '@adonisjs/core/env'
import { resolveAppUrl } from '#core/http/app_url'

/** A rate limit setting: `<requests>/<window>`, the window in s, m or h, e.g. `30/10m`. */
function rateLimit(key: string, value?: string) {
  if (value === undefined || value === '') return undefined
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smh])$/.exec(value.trim())
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(
      `Value for environment variable "${key}" must be <requests>/<window> with s, m or h, e.g. 30/10m`
    )
  }
  return value.trim()
}

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  /*
  | Public URL for absolute links. Unset: http://<HOST>:<PORT> (localhost for
  | 0.0.0.0), so it follows PORT; required in production (app/core/http/app_url.ts).
  */
  APP_URL: (_key: string, value?: string) =>
    resolveAppUrl(value, {
      host: process.env.HOST,
      port: process.env.PORT,
      production: process.env.NODE_ENV === 'production',
    }),
  HOST: Env.schema.string({ format: 'host' }),
  /*
  | Which proxies' X-Forwarded-Proto/-For/-Host are believed (config/app.ts):
  | unset = loopback only, false = none, true = any, or addresses/CIDRs.
  */
  TRUST_PROXY: Env.schema.string.optional(),
  /*
  | Send the Content-Security-Policy as Report-Only (config/shield.ts).
  */
  CSP_REPORT_ONLY: Env.schema.boolean.optional(),
  LOG_LEVEL: Env.schema.string(),
  TZ: Env.schema.string.optional(),

  /*
  | Seconds a SIGTERM waits for in-flight requests before closing what is
  | left and exiting (live streams are ended at once).
  */
  SHUTDOWN_TIMEOUT_SECONDS: (key: string, value?: string) => {
    if (value === undefined || value === '') return undefined
    const seconds = Number(value)
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
      throw new Error(
        `Value for environment variable "${key}" must be a number of seconds above 0 and at most 600`
      )
    }
    return seconds
  },

  /*
  | Database. With neither DATABASE_URL nor DB_HOST set, the app runs its
  | own embedded PostgreSQL under EMBEDDED_DB_DIR on EMBEDDED_DB_PORT.
  */
  DATABASE_URL: Env.schema.string.optional(),
  DB_HOST: Env.schema.string.optional({ format: 'host' }),
  DB_PORT: Env.schema.number.optional(),
  DB_USER: Env.schema.string.optional(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string.optional(),
  DB_SSL: Env.schema.boolean.optional(),
  EMBEDDED_DB_PORT: Env.schema.number.optional(),
  EMBEDDED_DB_DIR: Env.schema.string.optional(),
  DB_AUTO_SETUP: Env.schema.boolean.optional(),

  /*
  | Redis, for what crosses instances (live messages, subscribe requests):
  | REDIS_URL, else REDIS_HOST (+ PORT, PASSWORD, DB). Neither: one instance,
  | nothing shared. REDIS_CHANNEL_PREFIX keeps deployments sharing a Redis apart.
  */
  REDIS_URL: Env.schema.string.optional(),
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_DB: Env.schema.number.optional(),
  REDIS_CHANNEL_PREFIX: Env.schema.string.optional(),

  /*
  | Where sessions live (config/session.ts): database (default), cookie, or
  | memory (tests).
  */
  SESSION_DRIVER: Env.schema.enum.optional(['database', 'cookie', 'memory'] as const),
  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),

  /*
  | Rate limits, each `<requests>/<window>` with s, m or h (e.g. 30/10m).
  | Defaults and meanings in config/limits.ts and the README's "Limits".
  */
  LIMIT_LOGIN_PER_IP: rateLimit,
  LIMIT_LOGIN_PER_ACCOUNT: rateLimit,
  LIMIT_REGISTER_PER_IP: rateLimit,
  LIMIT_PAYMENT_INTENT_PER_USER: rateLimit,
  LIMIT_ESEWA_CALLBACK_PER_IP: rateLimit,
  LIMIT_ESEWA_CALLBACK_PER_TRANSACTION: rateLimit,
  LIMIT_ESEWA_WEBHOOK_PER_IP: rateLimit,
  LIMIT_CHAT_SEND_PER_USER: rateLimit,
  LIMIT_TYPING_PER_CONVERSATION: rateLimit,
  LIMIT_CALL_START_PER_USER: rateLimit,
  LIMIT_CALL_SIGNAL_PER_CALL: rateLimit,

  /*
  | Room photos
  */
  UPLOADS_DIR: Env.schema.string.optional(),
  PHOTO_MAX_SIZE_MB: Env.schema.number.optional(),
  PHOTOS_PER_ROOM: Env.schema.number.optional(),

  /*
  | Payments (eSewa). See config/esewa.ts and the README's "Payments".
  */
  ESEWA_MODE: Env.schema.enum.optional(['sandbox', 'uat', 'production'] as const),
  ESEWA_GATEWAY: Env.schema.enum.optional(['v2', 'v1'] as const),
  ESEWA_PRODUCT_CODE: Env.schema.string.optional(),
  ESEWA_SECRET_KEY: Env.schema.string.optional(),
  ESEWA_FORM_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  ESEWA_STATUS_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  ESEWA_V1_FORM_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  ESEWA_V1_VERIFY_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  ESEWA_TIMEOUT_MS: Env.schema.number.optional(),
  UNLOCK_PRICE_NPR: Env.schema.number.optional(),
  PAYMENT_EXPIRE_MINUTES: Env.schema.number.optional(),
  CHECKOUT_LINK_MINUTES: Env.schema.number.optional(),
  RECONCILE_AFTER_MINUTES: Env.schema.number.optional(),
  RECONCILE_INTERVAL_SECONDS: Env.schema.number.optional(),

  /*
  | Chat
  */
  CHAT_MESSAGE_MAX_LENGTH: Env.schema.number.optional(),
  CHAT_IMAGE_MAX_SIZE_MB: Env.schema.number.optional(),

  /*
  | Browser push notifications (web-push, VAPID)
  */
  VAPID_PUBLIC_KEY: Env.schema.string.optional(),
  VAPID_PRIVATE_KEY: Env.schema.string.optional(),
  VAPID_SUBJECT: Env.schema.string.optional(),
  PUSH_ALLOW_LOCAL_ENDPOINTS: Env.schema.boolean.optional(),

  /*
  | Video calls
  */
  CALL_RING_TIMEOUT_SECONDS: Env.schema.number.optional(),
  ICE_SERVERS: Env.schema.string.optional(),
  TURN_URLS: Env.schema.string.optional(),
  TURN_SECRET: Env.schema.string.optional(),
  TURN_TTL_SECONDS: Env.schema.number.optional(),

  /*
  | Durable jobs (pg-boss in the app's PostgreSQL)
  */
  JOBS_SCHEMA: Env.schema.string.optional(),
  JOBS_WORK: Env.schema.boolean.optional(),
  JOBS_POLL_SECONDS: Env.schema.number.optional(),
  JOBS_HEARTBEAT_SECONDS: Env.schema.number.optional(),
  JOBS_SUPERVISE_SECONDS: Env.schema.number.optional(),
  JOBS_RETRY_LIMIT: Env.schema.number.optional(),
  JOBS_RETRY_DELAY_SECONDS: Env.schema.number.optional(),
  JOBS_KEEP_COMPLETED_SECONDS: Env.schema.number.optional(),
  JOBS_CONCURRENCY: Env.schema.number.optional(),
})
