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

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
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
