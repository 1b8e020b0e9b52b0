/*
|--------------------------------------------------------------------------
| Browser push notifications: the push domain's own API
|--------------------------------------------------------------------------
|
| Only the push listeners (app/push/listeners) decide and word
| notifications; they call notifyUser() inside the transaction of the change
| they announce (the outbox), with a key naming the notification:
|
|   await notifyUser(receiver.id, {
|     kind: PushKind.Message,
|     title: sender.firstName,
|     body: 'Is the room free?',
|     url: urlFor('chat.show', { id: conversation.id }),
|     tag: messageTag(conversation.id),
|   }, { trx, key: `message:${message.id}` })
|
| Kinds and their defaults: app/push/push_notification.ts.
*/
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import pushConfig from '#config/push'
import DeliverPush from '#push/actions/deliver_push'
import { countBurst } from '#push/push_bursts'
import { enqueuePush } from '#push/push_jobs'
import { preparePush, type PushNotification } from '#push/push_notification'
import type { DeviceDeliveryReport, DispatchOptions } from '#push/push_dispatcher'

export { resetPushBurst } from '#push/push_bursts'

export type NotifyOptions = {
  /** The transaction of the change the notification announces. */
  trx?: TransactionClientContract
  /** Names the notification ("message:12"): queued twice, it is delivered once. */
  key: string
}

/**
 * Queues a notification to every device of a user as a durable job (in
 * `trx`, so it exists exactly when the change does); delivered by a worker
 * right after the commit, retried with back-off, and again after a crash.
 * A wrongly built notification is logged and skipped, never thrown: it
 * must not undo the change it announces.
 */
export async function notifyUser(
  userId: number,
  notification: PushNotification,
  options: NotifyOptions
): Promise<void> {
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
  // No device, no job: one indexed probe instead of a job stored, fetched, run and completed
  // (a device subscribed in this instant misses this one notification, as it would anyway).
  if (!(await hasDevice(userId, options.trx))) return
  await enqueuePush(userId, prepared, { trx: options.trx, key: `${options.key}:user:${userId}` })
}

async function hasDevice(userId: number, trx?: TransactionClientContract) {
  const row = await (trx ?? db)
    .from('push_subscriptions')
    .where('user_id', userId)
    .select(db.raw('1'))
    .first()
  return Boolean(row)
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
