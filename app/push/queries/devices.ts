import PushSubscription from '#models/push_subscription'

/** A user's devices, most recently saved first. */
export function devicesOf(userId: number) {
  return PushSubscription.query()
    .where('userId', userId)
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
}

/** Whether a user has at least one device that can receive notifications. */
export async function hasPushDevice(userId: number) {
  return Boolean(await PushSubscription.query().where('userId', userId).select('id').first())
}

/** The subscription stored for an endpoint (whoever it belongs to), if any. */
export function subscriptionAt(endpoint: string) {
  return PushSubscription.findBy('endpoint', endpoint)
}
