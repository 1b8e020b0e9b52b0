import type { ApplicationService } from '@adonisjs/core/types'
import { EsewaGateways, PaymentGateways } from '#payments/gateways/payment_gateways'

/**
 * Binds the payment gateways contract to the real eSewa gateways, so
 * actions receive it through the container and tests can swap it.
 */
export default class PaymentsProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(PaymentGateways, async () => {
      // The config object itself, not a copy: tests switch v1/v2 and timeouts on it.
      const { default: esewaConfig } = await import('#config/esewa')
      return new EsewaGateways(esewaConfig)
    })
  }
}
