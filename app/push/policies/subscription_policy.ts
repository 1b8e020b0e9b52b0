import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'
import type PushSubscription from '#models/push_subscription'

/**
 * Who may change a device's push subscription.
 */
export default class SubscriptionPolicy extends BasePolicy {
  /**
   * Saving a device's endpoint: allowed even when another user had it (a
   * shared computer, a new login); the endpoint then moves to this user.
   */
  replace(_user: User, _existing: PushSubscription | null): AuthorizerResponse {
    return true
  }

  /** Forgetting a device: only the user it belongs to (anyone else's stays). */
  remove(user: User, subscription: PushSubscription): AuthorizerResponse {
    return subscription.userId === user.id
  }
}
