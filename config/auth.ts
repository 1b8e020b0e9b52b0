import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/** How long "Keep me logged in" lasts (renewed each time it logs someone back in). */
export const REMEMBER_ME_AGE = '30 days'

const authConfig = defineConfig({
  default: 'web',
  guards: {
    /**
     * A session ends after 2 hours without activity (config/session.ts);
     * "Keep me logged in" on the login form adds a remember-me token
     * (table remember_me_tokens, replaced at each use, deleted at logout)
     * that opens a fresh session for 30 days.
     */
    web: sessionGuard({
      useRememberMeTokens: true,
      rememberMeTokensAge: REMEMBER_ME_AGE,
      provider: sessionUserProvider({
        model: () => import('#models/user'),
      }),
    }),
  },
})

export default authConfig

/**
 * Inferring types from the configured auth
 * guards.
 */
declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
