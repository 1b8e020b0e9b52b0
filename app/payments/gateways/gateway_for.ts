import esewaConfig from '#config/esewa'
import type { PaymentGatewayName } from '#models/payment'
import { EsewaV1Gateway } from '#payments/gateways/esewa_v1_gateway'
import { EsewaV2Gateway } from '#payments/gateways/esewa_v2_gateway'
import type { PaymentGateway } from '#payments/gateways/payment_gateway'

/**
 * The gateway new payments use (ESEWA_GATEWAY), or the one an existing
 * payment was made with.
 */
export function gatewayFor(name?: PaymentGatewayName): PaymentGateway {
  const chosen = name ?? (esewaConfig.gateway === 'v1' ? 'esewa_v1' : 'esewa_v2')
  return chosen === 'esewa_v1' ? new EsewaV1Gateway(esewaConfig) : new EsewaV2Gateway(esewaConfig)
}
