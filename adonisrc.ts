import { indexEntities } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/core/app'
import { indexPolicies } from '@adonisjs/bouncer'

export default defineConfig({
  experimental: {},

  /**
   * Commands from packages. The app's own commands are scanned from `./commands`.
   */
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/bouncer/commands'),
  ],

  /**
   * Service providers, booted in this order.
   */
  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('#providers/database_setup_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/vite/vite_provider'),
    () => import('@adonisjs/transmit/transmit_provider'),
    { file: () => import('#providers/graceful_shutdown_provider'), environment: ['web'] },
    { file: () => import('#providers/app_url_provider'), environment: ['web'] },
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#providers/push_provider'),
    () => import('#providers/payments_provider'),
    () => import('#providers/jobs_provider'),
  ],

  /**
   * Modules imported before the application starts.
   */
  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
    () => import('#start/view'),
    () => import('#start/validator'),
    () => import('#start/transmit'),
    () => import('#start/push'),
    () => import('#start/jobs'),
    { file: () => import('#start/console'), environment: ['console'] },
  ],

  tests: {
    suites: [
      {
        files: ['tests/unit/**/*.spec.ts'],
        name: 'unit',
        timeout: 10000,
      },
      {
        files: ['tests/functional/**/*.spec.ts'],
        name: 'functional',
        timeout: 30000,
      },
      {
        files: ['tests/browser/**/*.spec.ts'],
        name: 'browser',
        timeout: 300000,
      },
    ],
    forceExit: false,
  },

  /**
   * Files copied into `build/` as they are.
   */
  metaFiles: [
    {
      pattern: 'resources/views/**/*.edge',
      reloadServer: false,
    },
    {
      pattern: 'public/**',
      reloadServer: false,
    },
    {
      // Served as /sw.js by the app itself (no bundling: it must keep its URL).
      pattern: 'resources/js/service_worker.js',
      reloadServer: false,
    },
  ],

  hooks: {
    init: [
      // Every domain's controllers in one index (`#generated/controllers`), keyed by domain.
      indexEntities({
        controllers: {
          source: 'app',
          glob: ['**/controllers/**/*_controller.ts'],
          importAlias: '#app',
        },
        events: { enabled: false },
        listeners: { enabled: false },
      }),
      indexPolicies({ source: 'app', glob: ['**/policies/*_policy.ts'], importAlias: '#app' }),
    ],
    buildStarting: [() => import('@adonisjs/vite/build_hook')],
  },
})
