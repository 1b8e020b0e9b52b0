import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import pushConfig from '#config/push'
import PushSubscription from '#models/push_subscription'
import { PushDeliveryOutcome } from '#push/enums/push_kind'
import type { PreparedPush } from '#push/push_notification'
import { PushTransport } from '#push/push_transport'
import {
  PushDispatcher,
  type DeviceDeliveryReport,
  type DispatchOptions,
} from '#push/push_dispatcher'

let lastLogCleanupAt = 0

/**
 * Delivers a prepared notification to every device of a user now and
 * waits: one report per device, after its last attempt. Not one
 * transaction: each attempt is a network call, recorded on its own (the
 * delivery log must keep failures), and it runs after the change it
 * announces was committed.
 */
export default class DeliverPush {
  async handle(
    userId: number,
    prepared: PreparedPush,
    options: DispatchOptions = {}
  ): Promise<DeviceDeliveryReport[]> {
    const subscriptions = await PushSubscription.query()
      .where('userId', userId)
      .if(prepared.key, (query) =>
        // A job run again (its worker died) skips devices its earlier run settled.
        query.whereNotExists((done) =>
          done
            .from('push_deliveries')
            .whereColumn('push_deliveries.subscription_id', 'push_subscriptions.id')
            .where('push_deliveries.delivery_key', prepared.key!)
            .whereNot('push_deliveries.outcome', PushDeliveryOutcome.Retrying)
        )
      )
      .orderBy('id')
    if (!subscriptions.length) {
      logger.debug({ userId, kind: prepared.kind }, 'push not sent: the user has no device')
      return []
    }
    const transport = options.send ? undefined : await app.container.make(PushTransport)
    const dispatcher = new PushDispatcher(options, transport)
    const reports = await Promise.all(
      subscriptions.map((subscription) => dispatcher.deliver(subscription, prepared))
    )
    await cleanUpDeliveryLog()
    return reports
  }
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
