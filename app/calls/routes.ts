/*
| Video calls: the page, and signalling up by POST (down through the
| Transmit channel `calls/<id>`).
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { idParam } from '#core/http/route_params'
import { callSignalThrottle, callStartThrottle } from '#start/limiter'
import { allowCameraAndMicrophone } from '#core/middleware/security_headers_middleware'

router
  .get('/calls/:id', [controllers.calls.Calls, 'show'])
  .as('calls.show')
  .where('id', idParam())
  .use([middleware.auth(), allowCameraAndMicrophone])

router
  .group(() => {
    router
      .post('/calls', [controllers.calls.Calls, 'store'])
      .as('calls.store')
      .use(callStartThrottle)
    router.get('/calls/:id/state', [controllers.calls.Calls, 'state']).as('calls.state')
    router.post('/calls/:id/accept', [controllers.calls.Calls, 'accept']).as('calls.accept')
    router.post('/calls/:id/decline', [controllers.calls.Calls, 'decline']).as('calls.decline')
    router.post('/calls/:id/hangup', [controllers.calls.Calls, 'hangUp']).as('calls.hangup')
    router
      .post('/calls/:id/connected', [controllers.calls.Calls, 'connected'])
      .as('calls.connected')
    router.post('/calls/:id/failed', [controllers.calls.Calls, 'fail']).as('calls.failed')
    router
      .post('/calls/:id/signal', [controllers.calls.Calls, 'signal'])
      .as('calls.signal')
      .use(callSignalThrottle)
    router.get('/calls/:id/signals', [controllers.calls.Calls, 'signals']).as('calls.signals')
  })
  .where('id', idParam())
  .use(middleware.apiAuth())
