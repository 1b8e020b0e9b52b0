import type PushSubscription from '#models/push_subscription'

/**
 * A saved device as the page sees it: never its endpoint or keys.
 */
export function presentSubscription(subscription: PushSubscription) {
  return {
    subscription: {
      id: subscription.id,
      deviceLabel: subscription.deviceLabel,
      createdAt: subscription.createdAt.toISO(),
    },
  }
}
