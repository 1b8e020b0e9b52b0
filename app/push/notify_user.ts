/*
|--------------------------------------------------------------------------
| Browser push notifications: the push domain's own API
|--------------------------------------------------------------------------
|
| Only the push listeners (app/push/listeners) decide and word
| notifications; they call notifyUser() after the change is committed:
|
|   notifyUser(receiver.id, {
|     kind: PushKind.Message,
|     title: sender.firstName,
|     body: 'Is the room free?',
|     url: urlFor('chat.show', { id: conversation.id }),
|     tag: messageTag(conversation.id),
|   })
|
| Kinds and their defaults: app/push/push_notification.ts.
*/
import logger from '@adonisjs/core/services/logger'
import pushConfig from '#config/push'
import DeliverPush from '#push/actions/deliver_push'
import { countBurst } from '#push/push_bursts'
import { pushQueue } from '#push/push_queue'
import { preparePush, type PushNotification } from '#push/push_notification'
import type { DeviceDeliveryReport, DispatchOptions } from '#push/push_dispatcher'

export { drainPushQueue } from '#push/push_queue'
export { resetPushBurst } from '#push/push_bursts'

/**
 * Sends a notification to every device of a user, in the background: it
 * returns at once and never throws (a wrong notification is logged), so the
 * request that caused it is never delayed or broken. Call it after the
 * change it announces is committed.
 */
export function notifyUser(userId: number, notification: PushNotification): void {
  if (!pushConfig.enabled) return
  let prepared: ReturnType<typeof preparePush>
  try {
    prepared = prepareFor(userId, notification)
  } catch (error) {
    logger.error(
      { err: error, userId, kind: notification?.kind },
      'push notification not sent: it is not valid'
    )
    return
  }
  pushQueue.add(async () => {
    await new DeliverPush().handle(userId, prepared)
  })
}

/**
 * The same for several people (e.g. an owner's and a client's devices).
 */
export function notifyUsers(userIds: number[], notification: PushNotification): void {
  for (const userId of new Set(userIds)) notifyUser(userId, notification)
}

/**
 * Delivers now and waits: one report per device, after its last attempt.
 * For tests and commands; requests should use notifyUser(). Throws
 * InvalidPushNotification for a notification built wrongly.
 */
export async function deliverToUser(
  userId: number,
  notification: PushNotification,
  options: DispatchOptions = {}
): Promise<DeviceDeliveryReport[]> {
  if (!pushConfig.enabled && !options.vapid) return []
  return new DeliverPush().handle(userId, prepareFor(userId, notification), options)
}

/** Prepares a notification, counting it into its tag's burst. */
function prepareFor(userId: number, notification: PushNotification) {
  const first = preparePush(notification)
  if (!first.tag) return first
  return preparePush(notification, countBurst(userId, first.tag, first.kind))
}
