import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import { browserClient } from '@japa/browser-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { prepareTestDatabase } from '#tests/helpers/test_database'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { chromium } from 'playwright'
import limiter from '@adonisjs/limiter/services/main'
import { failOnSecurityPolicyMessages } from '#tests/helpers/security_policy_console'

/**
 * Debian's Chromium, never a downloaded browser. CHROMIUM_PATH overrides it.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  authApiClient(app),
  shieldApiClient(),
  browserClient({
    runInSuites: ['browser'],
    launcher: (config) =>
      chromium.launch({
        ...config,
        executablePath: CHROMIUM_PATH,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
  // A browser test fails when a page reports a CSP or Permissions-Policy violation.
  failOnSecurityPolicyMessages(),
]

/**
 * Before all tests: the database (embedded or configured) is migrated and
 * emptied, then the job workers start (tests/helpers/test_database.ts).
 * After all tests, bin/test.ts ends the app and lets the process exit.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => prepareTestDatabase()],
  teardown: [],
}

/**
 * The functional and browser suites talk to a real HTTP server.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    // Every test starts with no request counted toward a rate limit (they all come from
    // 127.0.0.1): a test needing more than a limit raises it (tests/helpers/limits.ts).
    suite.onGroup((group) => group.each.setup(() => limiter.clear()))
    suite.onTest((test) => test.setup(() => limiter.clear()))
    return suite.setup(async () => {
      const close = await testUtils.httpServer().start()
      return async () => {
        // A browser page may still hold a live event stream: closing would wait for it forever.
        const server = await app.container.make('server')
        server.getNodeServer()?.closeAllConnections()
        await close()
      }
    })
  }
}
