/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Each domain declares its routes in app/<domain>/routes.ts, with controllers
| from the generated index (#generated/controllers). Every route is named;
| pages, tests and redirects refer to names only.
|
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import esewa from '#config/esewa'

await import('#rooms/routes')
await import('#accounts/routes')
await import('#payments/routes')
await import('#chat/routes')
await import('#calls/routes')
await import('#push/routes')

/*
| Health probes for load balancers (checks in start/health.ts). Answered
| before sessions and CSRF by HealthProbeMiddleware (start/kernel.ts).
*/
router.get('/health/live', [controllers.core.HealthChecks, 'live']).as('health.live')
router.get('/health/ready', [controllers.core.HealthChecks, 'ready']).as('health.ready')

/*
| The local eSewa simulator, never in production (config/esewa.ts refuses it)
*/
if (esewa.sandboxEnabled) {
  await import('#dev/esewa_sandbox/routes')
}
