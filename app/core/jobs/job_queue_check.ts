import { BaseCheck, Result } from '@adonisjs/core/health'
import jobsConfig from '#config/jobs'
import jobs from '#core/jobs/job_queue'
import { lucidDatabase } from '#core/jobs/lucid_database'

/**
 * Ready when the job queue is started and its schema answers: an instance
 * whose queue did not start would take requests whose jobs nobody works off.
 */
export class JobQueueCheck extends BaseCheck {
  name = 'Job queue'

  async run() {
    if (!jobs.isStarted) return Result.failed('The job queue is not started')
    const { rows } = await lucidDatabase().executeSql(
      `SELECT version FROM ${jobsConfig.schema}.version LIMIT 1`
    )
    return Result.ok('Working').mergeMetaData({
      schemaVersion: rows[0]?.version ?? null,
      queues: jobs.queueNames.length,
      working: jobsConfig.work,
    })
  }
}
