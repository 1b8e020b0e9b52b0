/*
|--------------------------------------------------------------------------
| Browser push notification routes
|--------------------------------------------------------------------------
|
| Imported by start/routes.ts. The service worker is served from the site
| root so its scope is every page. Subscriptions are JSON endpoints for the
| logged-in user (401 otherwise); CSRF applies (X-CSRF-TOKEN header).
|
*/
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { setTimeout as wait } from 'node:timers/promises'
import { middleware } from '#start/kernel'
import { reportPushConfiguration } from '#services/push/push_status'

const SubscriptionsController = () => import('#controllers/push/subscriptions_controller')
const PushSetupController = () => import('#controllers/push/push_setup_controller')

router.get('/sw.js', [PushSetupController, 'serviceWorker']).as('push.service_worker')
router.get('/push/public-key', [PushSetupController, 'publicKey']).as('push.public_key')
router
  .group(() => {
    router.post('/push/subscriptions', [SubscriptionsController, 'store']).as('subscriptions.store')
    router.delete('/push/subscriptions', [SubscriptionsController, 'destroy']).as('subscriptions.destroy')
  })
  .as('push')
  .use(middleware.apiAuth())

// Say at boot whether push is on; on shutdown, give queued notifications up to 5 s to go out.
reportPushConfiguration()
app.terminating(async () => {
  const { drainPushQueue } = await import('#services/push/push_notifier')
  await Promise.race([drainPushQueue(), wait(5_000)])
})
