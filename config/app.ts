import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The key used to sign cookies and encrypt values. Keep it secret and
 * never change it on a running deployment (sessions would be lost).
 */
export const appKey = env.get('APP_KEY')

/**
 * The public URL of the app, used to build absolute links (QR codes,
 * payment callbacks, notifications).
 */
export const appUrl = env.get('APP_URL')

/**
 * Which proxies are believed about the client's address (X-Forwarded-For),
 * the scheme (X-Forwarded-Proto: HSTS is sent on https requests only) and the
 * host. TRUST_PROXY unset: loopback, i.e. a proxy on this machine (AdonisJS's
 * default); `false`: none; `true`: any; or proxy-addr names, addresses and
 * CIDRs, comma-separated (`loopback,10.0.0.0/8`).
 */
export function trustProxySetting(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '') return 'loopback'
  if (value === 'true' || value === 'false') return value === 'true'
  return value
}

export const http = defineConfig({
  generateRequestId: true,
  trustProxy: trustProxySetting(env.get('TRUST_PROXY')),
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // Native JSON.stringify: the default (a cycle-safe replacer) was 3% of the chat API's CPU.
  // Answers are plain data; a BigInt id is written as its digits.
  serializeJSON: (payload: unknown) => {
    try {
      return JSON.stringify(payload)
    } catch {
      return JSON.stringify(payload, (_key, value) =>
        typeof value === 'bigint' ? value.toString() : value
      )
    }
  },
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})

/**
 * Graceful shutdown (SIGTERM): live streams are ended at once and in-flight
 * requests may finish; after this long whatever is still open is closed and
 * the process exits anyway (app/core/http/graceful_shutdown.ts).
 */
export const shutdown = {
  timeoutMs: env.get('SHUTDOWN_TIMEOUT_SECONDS', 8) * 1000,
}
