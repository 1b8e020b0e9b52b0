import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import jobs from '#core/jobs/job_queue'
import type { PreparedPush } from '#push/push_notification'

/** The durable queue of notifications to deliver (start/jobs.ts). */
export const PUSH_QUEUE = 'push.deliver'

export type PushJob = { userId: number; push: PreparedPush }

/**
 * Stores one user's notification as a job: in `trx` when given (it exists
 * only if the change it announces commits), deduped by `key`.
 */
export function enqueuePush(
  userId: number,
  push: PreparedPush,
  options: { trx?: TransactionClientContract; key: string }
) {
  const keyed: PreparedPush = {
    ...push,
    key: options.key,
    payload: { ...push.payload, id: options.key },
  }
  return jobs.enqueue(PUSH_QUEUE, { userId, push: keyed } satisfies PushJob, {
    trx: options.trx,
    key: options.key,
  })
}
