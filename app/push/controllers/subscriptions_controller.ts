import type { HttpContext } from '@adonisjs/core/http'
import {
  pushEndpointValidator,
  pushSubscriptionValidator,
  pushValidationOptions,
} from '#push/subscription_validator'
import SaveDeviceSubscription from '#push/actions/save_device_subscription'
import ForgetDevice from '#push/actions/forget_device'
import SubscriptionPolicy from '#push/policies/subscription_policy'
import { subscriptionAt } from '#push/queries/devices'
import { presentSubscription } from '#push/presenters/subscription_presenter'

/**
 * This device's push subscription for the logged-in user (JSON only; the
 * page's script calls it, resources/js/push.js).
 */
export default class SubscriptionsController {
  /**
   * POST /push/subscriptions: stores or updates this device's subscription;
   * 201 when new, 200 when it was known (also when it moved from another user).
   */
  async store({ auth, bouncer, request, response }: HttpContext) {
    const input = await pushSubscriptionValidator.validate(
      request.only(['endpoint', 'expirationTime', 'keys']),
      pushValidationOptions
    )
    await bouncer
      .with(SubscriptionPolicy)
      .authorize('replace', await subscriptionAt(input.endpoint))
    const { subscription, created } = await new SaveDeviceSubscription().handle(
      auth.user!.id,
      input,
      request.header('user-agent')
    )
    return response.status(created ? 201 : 200).send(presentSubscription(subscription))
  }

  /**
   * DELETE /push/subscriptions: forgets this device (its endpoint in the
   * body) for this user; `removed` is false when there was nothing to forget
   * (also when the endpoint is another user's: that one is left alone).
   */
  async destroy({ auth, bouncer, request }: HttpContext) {
    const { endpoint } = await pushEndpointValidator.validate(
      request.only(['endpoint']),
      pushValidationOptions
    )
    const subscription = await subscriptionAt(endpoint)
    if (!subscription || (await bouncer.with(SubscriptionPolicy).denies('remove', subscription))) {
      return { removed: false }
    }
    return { removed: await new ForgetDevice().handle(auth.user!.id, endpoint) }
  }
}
