import logger from '@adonisjs/core/services/logger'
import { isDatabaseUnavailable } from '#core/database/connection_errors'
import { ENDED_TRANSACTION } from '#core/jobs/lucid_database'

let lastOutageReport = 0

/**
 * pg-boss's errors, as the operator needs them: while the database is away,
 * one warning every 30 s rather than one per poll of every queue.
 */
export function reportJobQueueError(error: Error) {
  // A poll that raced a test's rollback: the next poll uses the pool.
  if (String(error.message).includes(ENDED_TRANSACTION)) return
  if (isDatabaseUnavailable(error)) {
    if (Date.now() - lastOutageReport < 30_000) return
    lastOutageReport = Date.now()
    logger.warn({ err: error }, 'job queue: database unavailable; jobs wait until it is back')
    return
  }
  logger.error({ err: error }, 'job queue error')
}
