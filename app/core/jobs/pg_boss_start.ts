import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { setTimeout as sleep } from 'node:timers/promises'
import { PgBoss } from 'pg-boss'
import jobsConfig from '#config/jobs'
import { lucidDatabase } from '#core/jobs/lucid_database'
import { reportJobQueueError } from '#core/jobs/job_errors'

type QueueDefinition = {
  name: string
  settings: { policy?: 'standard' | 'short' | 'singleton' | 'stately' }
}

function newBoss(work: boolean) {
  const boss = new PgBoss({
    db: lucidDatabase(),
    schema: jobsConfig.schema,
    // Retrying the jobs of dead workers and cleaning up; in tests every statement
    // runs in the test's transaction, where nothing needs either.
    supervise: work && !app.inTest,
    superviseIntervalSeconds: jobsConfig.superviseSeconds,
    monitorIntervalSeconds: jobsConfig.superviseSeconds,
    schedule: false,
    registerInstance: work && !app.inTest,
  })
  boss.on('error', reportJobQueueError)
  return boss
}

/**
 * pg-boss started, its schema installed or migrated, and every queue
 * created. Instances booting together on a fresh database race to install
 * the schema and create the queues; the loser's statements fail, so it
 * starts over with a new client (up to 5 times).
 */
export async function startPgBoss(work: boolean, queues: QueueDefinition[]) {
  for (let attempt = 1; ; attempt++) {
    const boss = newBoss(work)
    try {
      await boss.start()
      for (const { name, settings } of queues) {
        await boss.createQueue(name, { policy: settings.policy ?? 'standard' })
      }
      return boss
    } catch (error) {
      await boss.stop({ graceful: false, close: false }).catch(() => {})
      if (attempt >= 5) throw error
      logger.warn({ err: error, attempt }, 'the job queue did not start; trying again')
      await sleep(200 * attempt)
    }
  }
}
