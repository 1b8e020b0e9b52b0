import type { HttpContext } from '@adonisjs/core/http'
import {
  MERCHANT_KEY_ERROR_JSON,
  startV1Payment,
  startV2Payment,
  type FormResult,
} from '#dev/esewa_sandbox/epay_forms'

/**
 * The simulated ePay form endpoints (v2 signed, v1 unsigned): the merchant's
 * auto-submitting form lands here and the payer goes on to the checkout page.
 */
export default class EpayController {
  async v2Form(ctx: HttpContext) {
    return respond(ctx, await startV2Payment(ctx.request.body()))
  }

  async v1Form(ctx: HttpContext) {
    return respond(ctx, await startV1Payment(ctx.request.body()))
  }
}

async function respond({ response, view }: HttpContext, result: FormResult) {
  switch (result.kind) {
    case 'checkout':
      return response.redirect().toRoute('esewa_sandbox.checkout.show', { token: result.token })
    case 'merchant_key':
      return response
        .status(400)
        .header('Content-Type', 'application/json')
        .send(MERCHANT_KEY_ERROR_JSON)
    case 'error':
      return response.status(400).send(await view.render('pages/esewa_sandbox/error', result))
  }
}
