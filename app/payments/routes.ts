/*
| Payments: starting an unlock, the checkout, eSewa's redirects and the
| re-verification webhook (route names and paths as in the original app).
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { esewaCallbackThrottle, paymentIntentThrottle, webhookThrottle } from '#start/limiter'
import { TRANSACTION_ID_PATTERN } from '#payments/transaction_id'

const transactionId = { match: TRANSACTION_ID_PATTERN }

router
  .post('/create-payment-intent', [controllers.payments.Payments, 'createIntent'])
  .as('payments.intent')
  .use([middleware.auth(), paymentIntentThrottle])
router
  .group(() => {
    router
      .get('/payments/:transactionId', [controllers.payments.Payments, 'show'])
      .as('payments.show')
    router
      .get('/payments/:transactionId/pay', [controllers.payments.Payments, 'redirect'])
      .as('payments.redirect')
  })
  .where('transactionId', transactionId)
  .use(middleware.auth())
router
  .get('/payments/:transactionId/status', [controllers.payments.Payments, 'status'])
  .as('payments.status')
  .where('transactionId', transactionId)
  .use(middleware.apiAuth())
router.get('/pay/:token', [controllers.payments.Payments, 'payByLink']).as('payments.pay_by_link')
router
  .get('/esewa-success/:transactionId', [controllers.payments.EsewaCallbacks, 'success'])
  .as('esewa.success')
  .where('transactionId', transactionId)
  .use(esewaCallbackThrottle)
router
  .get('/esewa-failure/:transactionId', [controllers.payments.EsewaCallbacks, 'failure'])
  .as('esewa.failure')
  .where('transactionId', transactionId)
  .use(esewaCallbackThrottle)
router
  .post('/esewa-webhook', [controllers.payments.EsewaCallbacks, 'webhook'])
  .as('esewa.webhook')
  .use(webhookThrottle)
