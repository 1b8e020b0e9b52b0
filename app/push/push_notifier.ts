/*
|--------------------------------------------------------------------------
| Browser push notifications: the API the other features call
|--------------------------------------------------------------------------
|
|   import { notifyUser, messageTag, PushKind } from '#push/push_notifier'
|
|   // after the message is committed; returns at once, delivers in the background
|   notifyUser(receiver.id, {
|     kind: PushKind.Message,
|     title: sender.firstName,
|     body: message.content ?? 'Sent a photo',
|     url: urlFor('chat.show', { id: conversation.id }),
|     tag: messageTag(conversation.id),
|   })
|
| Kinds and their defaults: app/services/push/push_notification.ts.
*/
import logger from '@adonisjs/core/services/logger'
import pushConfig from '#config/push'
import PushSubscription from '#models/push_subscription'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { PushQueue } from '#push/push_queue'
import {
  PushDispatcher,
  type DeviceDeliveryReport,
  type DispatchOptions,
} from '#push/push_dispatcher'
import { preparePush, type PushNotification } from '#push/push_notification'

export { PushKind, PushDeliveryOutcome } from '#push/enums/push_kind'
export {
  messageTag,
  callTag,
  InvalidPushNotification,
  type PushNotification,
  type PushAction,
} from '#push/push_notification'
export { forgetDevice } from '#push/push_subscriptions'
export type { DeviceDeliveryReport, DispatchOptions } from '#push/push_dispatcher'

const queue = new PushQueue(pushConfig.concurrency)
const bursts = new Map<string, { count: number; lastAt: number }>()
let lastLogCleanupAt = 0

/**
 * Sends a notification to every device of a user, in the background: it
 * returns at once and never throws (a wrong notification is logged), so the
 * request that caused it is never delayed or broken. Call it after the
 * change it announces is committed.
 */
export function notifyUser(userId: number, notification: PushNotification): void {
  if (!pushConfig.enabled) return
  let prepared
  try {
    prepared = prepareFor(userId, notification)
  } catch (error) {
    logger.error(
      { err: error, userId, kind: notification?.kind },
      'push notification not sent: it is not valid'
    )
    return
  }
  queue.add(async () => {
    await deliverPrepared(userId, prepared)
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
  return deliverPrepared(userId, prepareFor(userId, notification), options)
}

/**
 * Waits until every notification queued by notifyUser() has been delivered
 * (or given up). Tests call it; so may a graceful shutdown.
 */
export function drainPushQueue(): Promise<void> {
  return queue.drain()
}

/**
 * Starts the count of a collapsed burst again, e.g. when the person reads
 * the conversation: the next message notifies as "1" again.
 */
export function resetPushBurst(userId: number, tag: string) {
  const prefix = `${userId}\u0000${tag}\u0000`
  for (const key of bursts.keys()) if (key.startsWith(prefix)) bursts.delete(key)
}

function prepareFor(userId: number, notification: PushNotification) {
  const first = preparePush(notification)
  if (!first.tag) return first
  return preparePush(notification, countBurst(userId, first.tag, first.kind))
}

/**
 * How many notifications with this tag the user got within the collapse
 * window, this one included. In memory: a restart starts counting again.
 */
function countBurst(userId: number, tag: string, kind: string) {
  const now = Date.now()
  // Per kind: a missed call replacing its ringing notification is one missed call, not two.
  const key = `${userId}\u0000${tag}\u0000${kind}`
  const previous = bursts.get(key)
  const count =
    previous && now - previous.lastAt <= pushConfig.collapseWindowMs ? previous.count + 1 : 1
  bursts.set(key, { count, lastAt: now })
  if (bursts.size > 10_000) {
    for (const [oldKey, burst] of bursts)
      if (now - burst.lastAt > pushConfig.collapseWindowMs) bursts.delete(oldKey)
  }
  return count
}

async function deliverPrepared(
  userId: number,
  prepared: ReturnType<typeof preparePush>,
  options: DispatchOptions = {}
) {
  const subscriptions = await PushSubscription.query().where('userId', userId).orderBy('id')
  if (!subscriptions.length) {
    logger.debug({ userId, kind: prepared.kind }, 'push not sent: the user has no device')
    return []
  }
  const dispatcher = new PushDispatcher(options)
  const reports = await Promise.all(
    subscriptions.map((subscription) => dispatcher.deliver(subscription, prepared))
  )
  await cleanUpDeliveryLog()
  return reports
}

/**
 * Deletes push_deliveries rows past deliveryLogDays, at most once an hour.
 */
async function cleanUpDeliveryLog() {
  if (Date.now() - lastLogCleanupAt < 3600_000) return
  lastLogCleanupAt = Date.now()
  const before = DateTime.now().minus({ days: pushConfig.deliveryLogDays }).toJSDate()
  try {
    await db.from('push_deliveries').where('created_at', '<', before).delete()
  } catch (error) {
    logger.warn({ err: error }, 'could not clean up the push delivery log')
  }
}
