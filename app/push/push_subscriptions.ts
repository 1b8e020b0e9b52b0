import db from '@adonisjs/lucid/services/db'
import PushSubscription from '#models/push_subscription'

/** A browser's PushSubscription.toJSON(), validated (app/services/push/subscription_validator.ts). */
export type DeviceSubscriptionInput = {
  endpoint: string
  expirationTime?: number | null
  keys: { p256dh: string; auth: string }
}

export type SavedDevice = {
  subscription: PushSubscription
  /** A new row (false: this endpoint was known and was updated). */
  created: boolean
  /** The device belonged to another user until now (shared computer, new login). */
  movedFromUserId: number | null
}

/** Devices kept per user; saving one more forgets the least recently saved. */
export const MAX_DEVICES_PER_USER = 20

/**
 * Stores this device's subscription for a user, or updates it. An endpoint
 * is stored once: if another user had it, it moves to this one (in one
 * statement, so two tabs saving at once cannot make two rows).
 */
export async function saveDeviceSubscription(
  userId: number,
  input: DeviceSubscriptionInput,
  userAgent?: string | null
): Promise<SavedDevice> {
  const agent = userAgent ? userAgent.slice(0, 512) : null
  const expiresAt = typeof input.expirationTime === 'number' ? new Date(input.expirationTime) : null
  const result = await db.rawQuery(
    `WITH previous AS (SELECT user_id FROM push_subscriptions WHERE endpoint = :endpoint)
     INSERT INTO push_subscriptions
       (user_id, endpoint, public_key, auth_secret, expires_at, user_agent, device_label, failure_count, created_at, updated_at)
     VALUES (:userId, :endpoint, :publicKey, :authSecret, :expiresAt, :userAgent, :deviceLabel, 0, now(), now())
     ON CONFLICT (endpoint) DO UPDATE SET
       user_id = EXCLUDED.user_id, public_key = EXCLUDED.public_key, auth_secret = EXCLUDED.auth_secret,
       expires_at = EXCLUDED.expires_at, user_agent = EXCLUDED.user_agent, device_label = EXCLUDED.device_label,
       failure_count = 0, updated_at = now()
     RETURNING id, (xmax = 0) AS created, (SELECT user_id FROM previous) AS previous_user_id`,
    {
      userId,
      endpoint: input.endpoint,
      publicKey: input.keys.p256dh,
      authSecret: input.keys.auth,
      expiresAt,
      userAgent: agent,
      deviceLabel: describeDevice(agent),
    }
  )
  const row = result.rows[0] as { id: number; created: boolean; previous_user_id: number | null }
  await forgetOldestDevices(userId)
  const previous = row.previous_user_id
  return {
    subscription: await PushSubscription.findOrFail(row.id),
    created: row.created,
    movedFromUserId: previous !== null && previous !== userId ? previous : null,
  }
}

/**
 * Forgets this device for this user only: at logout, or when the person
 * turns notifications off. Another user's subscription with the same
 * endpoint is left alone. True when something was deleted.
 */
export async function forgetDevice(userId: number, endpoint: string): Promise<boolean> {
  if (!endpoint) return false
  const deleted = await PushSubscription.query()
    .where('userId', userId)
    .where('endpoint', endpoint)
    .delete()
  return Number(Array.isArray(deleted) ? deleted[0] : deleted) > 0
}

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

async function forgetOldestDevices(userId: number) {
  const keep = db
    .from('push_subscriptions')
    .select('id')
    .where('user_id', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_DEVICES_PER_USER)
  await db.from('push_subscriptions').where('user_id', userId).whereNotIn('id', keep).delete()
}

/**
 * "Chrome on Android": a short label from a User-Agent, for a list of devices.
 */
export function describeDevice(userAgent: string | null | undefined) {
  if (!userAgent) return null
  const browser =
    [
      [/Edg(A|iOS)?\//, 'Edge'],
      [/OPR\/|Opera/, 'Opera'],
      [/SamsungBrowser\//, 'Samsung Internet'],
      [/Firefox\/|FxiOS\//, 'Firefox'],
      [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
      [/Safari\//, 'Safari'],
    ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] ?? 'Browser'
  const system =
    [
      [/Android/, 'Android'],
      [/iPhone|iPad|iPod/, 'iOS'],
      [/Windows/, 'Windows'],
      [/Mac OS X|Macintosh/, 'macOS'],
      [/CrOS/, 'ChromeOS'],
      [/Linux/, 'Linux'],
    ].find(([pattern]) => (pattern as RegExp).test(userAgent))?.[1] ?? null
  return system ? `${browser} on ${system}` : String(browser)
}
