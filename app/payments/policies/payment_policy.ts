import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type Payment from '#models/payment'

/**
 * A payment is the paying client's business alone.
 */
export default class PaymentPolicy extends BasePolicy {
  view(user: User, payment: Payment): AuthorizerResponse {
    return payment.clientId === user.id
  }
}
