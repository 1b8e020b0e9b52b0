import type { HttpContext } from '@adonisjs/core/http'
import {
  displayAmount,
  openCheckout,
  submitCheckout,
  TEST_ESEWA_IDS,
  TEST_PASSWORD,
  TEST_TOKEN,
  type CheckoutResult,
} from '#dev/esewa_sandbox/checkout'

/**
 * The simulated eSewa checkout page: the payer logs in with a test account
 * and pays, or cancels.
 */
export default class CheckoutController {
  async show(ctx: HttpContext) {
    return respond(ctx, await openCheckout(ctx.params.token))
  }

  async submit(ctx: HttpContext) {
    const input = ctx.request.only(['action', 'esewaId', 'password', 'token'])
    return respond(ctx, await submitCheckout(ctx.params.token, input))
  }
}

async function respond({ response, view }: HttpContext, result: CheckoutResult) {
  switch (result.kind) {
    case 'unknown':
      return response.status(404).send(
        await view.render('pages/esewa_sandbox/error', {
          code: null,
          title: 'This checkout link is not valid',
          detail: 'Start the payment again from the merchant.',
          failureUrl: null,
        })
      )
    case 'closed':
      return view.render('pages/esewa_sandbox/closed', { transaction: result.transaction })
    case 'redirect':
      return response.redirect().toPath(result.url)
    case 'open':
    case 'invalid': {
      const page = view.render('pages/esewa_sandbox/checkout', {
        transaction: result.transaction,
        amounts: {
          amount: displayAmount(result.transaction.amount),
          tax: displayAmount(result.transaction.taxAmount),
          serviceCharge: displayAmount(result.transaction.productServiceCharge),
          deliveryCharge: displayAmount(result.transaction.productDeliveryCharge),
          total: displayAmount(result.transaction.totalAmount),
        },
        errors: result.kind === 'invalid' ? result.errors : {},
        esewaId: result.kind === 'invalid' ? result.esewaId : '',
        testAccounts: { ids: TEST_ESEWA_IDS, password: TEST_PASSWORD, token: TEST_TOKEN },
      })
      return response.status(result.kind === 'invalid' ? 422 : 200).send(await page)
    }
  }
}
