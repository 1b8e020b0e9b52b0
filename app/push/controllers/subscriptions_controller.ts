import type { HttpContext } from '@adonisjs/core/http'
import {
  pushEndpointValidator,
  pushSubscriptionValidator,
  pushValidationOptions,
} from '#push/subscription_validator'
import { forgetDevice, saveDeviceSubscription } from '#push/push_subscriptions'

/**
 * This device's push subscription for the logged-in user (JSON only; the
 * page's script calls it, resources/js/push.js).
 */
export default class SubscriptionsController {
  /**
   * POST /push/subscriptions: stores or updates this device's subscription;
   * 201 when new, 200 when it was known (also when it moved from another user).
   */
  async store({ auth, request, response }: HttpContext) {
    const input = await pushSubscriptionValidator.validate(
      request.only(['endpoint', 'expirationTime', 'keys']),
      pushValidationOptions
    )
    const { subscription, created } = await saveDeviceSubscription(
      auth.user!.id,
      input,
      request.header('user-agent')
    )
    return response.status(created ? 201 : 200).send({
      subscription: {
        id: subscription.id,
        deviceLabel: subscription.deviceLabel,
        createdAt: subscription.createdAt.toISO(),
      },
    })
  }

  /**
   * DELETE /push/subscriptions: forgets this device (its endpoint in the
   * body) for this user; `removed` is false when there was nothing to forget.
   */
  async destroy({ auth, request }: HttpContext) {
    const { endpoint } = await pushEndpointValidator.validate(
      request.only(['endpoint']),
      pushValidationOptions
    )
    return { removed: await forgetDevice(auth.user!.id, endpoint) }
  }
}
