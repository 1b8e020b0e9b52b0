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
import router from '@adonisjs/core/services/router'
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

reportPushConfiguration()
