import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PushSubscription from '#models/push_subscription'

/**
 * Forgets this device for this user only: at logout, or when the person
 * turns notifications off. Another user's subscription with the same
 * endpoint is left alone. True when something was deleted.
 */
export default class ForgetDevice {
  async handle(
    userId: number,
    endpoint: string,
    trx?: TransactionClientContract
  ): Promise<boolean> {
    if (!endpoint) return false
    if (!trx) return db.transaction((own) => this.handle(userId, endpoint, own))
    const deleted = await PushSubscription.query({ client: trx })
      .where('userId', userId)
      .where('endpoint', endpoint)
      .delete()
    return Number(Array.isArray(deleted) ? deleted[0] : deleted) > 0
  }
}

/** The function form, for tests. */
export function forgetDevice(userId: number, endpoint: string): Promise<boolean> {
  return new ForgetDevice().handle(userId, endpoint)
}
