import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { databaseStoreRenewingLessOften } from '#core/http/session_store'

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'adonis-session',

  /**
   * When set to true, the session id cookie will be deleted
   * once the user closes the browser.
   */
  clearWithBrowser: false,

  /**
   * How long a session lives without any activity (every request renews
   * it). "Remember me" logins outlive it: config/auth.ts.
   */
  age: '2h',

  /**
   * Configuration for session cookie and the
   * cookie store
   */
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },

  /**
   * database (default): the cookie carries only the session id and the data
   * lives in the `sessions` table, so logging out (or ending all of a
   * user's sessions) makes every copy of the cookie worthless.
   * cookie: the data travels in an encrypted cookie and cannot be revoked
   * before it expires. memory: tests only (the Japa session client needs it).
   */
  store: env.get('SESSION_DRIVER', 'database'),

  /**
   * List of configured stores. Refer documentation to see
   * list of available stores and their config.
   */
  stores: {
    cookie: stores.cookie(),
    // The library's database store, renewing a session at most once a minute (app/core/http)
    database: databaseStoreRenewingLessOften({ tableName: 'sessions', gcProbability: 2 }),
  },
})

export default sessionConfig
