import type { EsewaConfig } from '#config/esewa'
import type { PaymentGatewayName } from '#models/payment'
import { EsewaV1Gateway } from '#payments/gateways/esewa_v1_gateway'
import { EsewaV2Gateway } from '#payments/gateways/esewa_v2_gateway'
import type { PaymentGateway } from '#payments/gateways/payment_gateway'

/**
 * The contract for choosing a gateway, resolved through the container so
 * tests can swap in a fake eSewa (providers/payments_provider.ts binds it).
 */
export abstract class PaymentGateways {
  /** The gateway new payments use, or the one an existing payment was made with. */
  abstract for(name?: PaymentGatewayName): PaymentGateway
}

/**
 * The real eSewa: ePay v2 or v1 by ESEWA_GATEWAY, and sandbox, UAT or
 * production by configuration only. Reads the config on every call, so a
 * changed setting applies at once.
 */
export class EsewaGateways extends PaymentGateways {
  constructor(private config: EsewaConfig) {
    super()
  }

  for(name?: PaymentGatewayName): PaymentGateway {
    const chosen = name ?? (this.config.gateway === 'v1' ? 'esewa_v1' : 'esewa_v2')
    return chosen === 'esewa_v1' ? new EsewaV1Gateway(this.config) : new EsewaV2Gateway(this.config)
  }
}
