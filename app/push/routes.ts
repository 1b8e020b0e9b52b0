/*
| Browser push notifications. The service worker is served from the site
| root so its scope is every page. Subscriptions are JSON endpoints for the
| logged-in user (401 otherwise); CSRF applies (X-CSRF-TOKEN header).
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { cookieless } from '#core/http/cookieless'

// The same for everyone: served without session or cookies (#core/http/cookieless).
cookieless(
  router.get('/sw.js', [controllers.push.PushSetup, 'serviceWorker']).as('push.service_worker')
)
router.get('/push/public-key', [controllers.push.PushSetup, 'publicKey']).as('push.public_key')
router
  .group(() => {
    router
      .post('/push/subscriptions', [controllers.push.Subscriptions, 'store'])
      .as('subscriptions.store')
    router
      .delete('/push/subscriptions', [controllers.push.Subscriptions, 'destroy'])
      .as('subscriptions.destroy')
  })
  .as('push')
  .use(middleware.apiAuth())
