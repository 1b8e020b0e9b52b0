import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import PushSubscription from '#models/push_subscription'
import { describeDevice } from '#push/device_label'

/** A browser's PushSubscription.toJSON(), validated (app/push/subscription_validator.ts). */
export type DeviceSubscriptionInput = {
  endpoint: string
  expirationTime?: number | null
  keys: { p256dh: string; auth: string }
}

/** What saving a device came to. */
export type SavedDevice = {
  subscription: PushSubscription
  /** A new row (false: this endpoint was known and was updated). */
  created: boolean
  /** The device belonged to another user until now (shared computer, new login). */
  movedFromUserId: number | null
}

/** Devices kept per user; saving one more forgets the least recently saved. */
export const MAX_DEVICES_PER_USER = 20

const UPSERT = `WITH previous AS (SELECT user_id FROM push_subscriptions WHERE endpoint = :endpoint)
     INSERT INTO push_subscriptions
       (user_id, endpoint, public_key, auth_secret, expires_at, user_agent, device_label, failure_count, created_at, updated_at)
     VALUES (:userId, :endpoint, :publicKey, :authSecret, :expiresAt, :userAgent, :deviceLabel, 0, now(), now())
     ON CONFLICT (endpoint) DO UPDATE SET
       user_id = EXCLUDED.user_id, public_key = EXCLUDED.public_key, auth_secret = EXCLUDED.auth_secret,
       expires_at = EXCLUDED.expires_at, user_agent = EXCLUDED.user_agent, device_label = EXCLUDED.device_label,
       failure_count = 0, updated_at = now()
     RETURNING id, (xmax = 0) AS created, (SELECT user_id FROM previous) AS previous_user_id`

/**
 * Stores this device's subscription for a user, or updates it. An endpoint
 * is stored once: if another user had it, it moves to this one (in one
 * statement, so two tabs saving at once cannot make two rows). Keeps the
 * user's MAX_DEVICES_PER_USER most recent devices.
 */
export default class SaveDeviceSubscription {
  async handle(
    userId: number,
    input: DeviceSubscriptionInput,
    userAgent?: string | null,
    trx?: TransactionClientContract
  ): Promise<SavedDevice> {
    if (!trx) return db.transaction((own) => this.handle(userId, input, userAgent, own))
    const agent = userAgent ? userAgent.slice(0, 512) : null
    const expiresAt =
      typeof input.expirationTime === 'number' ? new Date(input.expirationTime) : null
    const result = await trx.rawQuery(UPSERT, {
      userId,
      endpoint: input.endpoint,
      publicKey: input.keys.p256dh,
      authSecret: input.keys.auth,
      expiresAt,
      userAgent: agent,
      deviceLabel: describeDevice(agent),
      // Nulls bind as SQL NULL; the binding type leaves them out.
    } as unknown as RawQueryBindings)
    const row = result.rows[0] as { id: number; created: boolean; previous_user_id: number | null }
    await forgetOldestDevices(userId, trx)
    const previous = row.previous_user_id
    return {
      subscription: await PushSubscription.findOrFail(row.id, { client: trx }),
      created: row.created,
      movedFromUserId: previous !== null && previous !== userId ? previous : null,
    }
  }
}

/** Forgets all but the user's MAX_DEVICES_PER_USER most recently saved devices. */
async function forgetOldestDevices(userId: number, trx: TransactionClientContract) {
  const keep = trx
    .from('push_subscriptions')
    .select('id')
    .where('user_id', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_DEVICES_PER_USER)
  await trx.from('push_subscriptions').where('user_id', userId).whereNotIn('id', keep).delete()
}

/** The function form, for tests and seeders. */
export function saveDeviceSubscription(
  userId: number,
  input: DeviceSubscriptionInput,
  userAgent?: string | null
) {
  return new SaveDeviceSubscription().handle(userId, input, userAgent)
}
