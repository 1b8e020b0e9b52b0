/*
| Local eSewa sandbox routes (development and tests only).
| Imported by start/routes.ts only when config/esewa.ts selects the sandbox,
| so nothing under app/dev is loaded in production.
| Same paths and field names as eSewa's hosts, under SANDBOX_PREFIX. CSRF is
| off for this prefix (config/shield.ts): eSewa's forms come from other sites.
*/
import router from '@adonisjs/core/services/router'
import { SANDBOX_PREFIX } from '#config/esewa'

import { controllers } from '#generated/controllers'

const {
  Epay: EpayController,
  Checkout: CheckoutController,
  Status: StatusController,
  Control: ControlController,
} = controllers.dev.esewaSandbox

router
  .group(() => {
    // ePay v2 and v1 forms, then the checkout page they lead to.
    router.post('/api/epay/main/v2/form', [EpayController, 'v2Form']).as('v2.form')
    router.post('/epay/main', [EpayController, 'v1Form']).as('v1.form')
    router.get('/checkout/:token', [CheckoutController, 'show']).as('checkout.show')
    router.post('/checkout/:token', [CheckoutController, 'submit']).as('checkout.submit')

    // Server-to-server checks: v2 status API, v1 transrec (POST, and GET as old clients did).
    router.get('/api/epay/transaction/status', [StatusController, 'status']).as('status')
    router.route('/epay/transrec', ['GET', 'POST'], [StatusController, 'transrec']).as('transrec')

    // Control panel and switches for manual testing.
    router.get('/', [ControlController, 'index']).as('index')
    router.post('/__control/switches', [ControlController, 'updateSwitches']).as('control.switches')
    router
      .post('/__control/transactions/:uuid', [ControlController, 'updateTransaction'])
      .as('control.transactions')
  })
  .prefix(SANDBOX_PREFIX)
  .as('esewa_sandbox')
