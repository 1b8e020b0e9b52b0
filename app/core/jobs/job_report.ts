import jobsConfig from '#config/jobs'
import jobs from '#core/jobs/job_queue'
import { lucidDatabase } from '#core/jobs/lucid_database'

/** Jobs per queue and state, read from the job table itself (never a cached figure). */
export async function jobCounts(): Promise<
  { name: string; state: string; count: number; oldest: Date }[]
> {
  await jobs.start({ work: false })
  const { rows } = await lucidDatabase().executeSql(
    `SELECT name, state, count(*)::int AS count, min(created_on) AS oldest
     FROM ${jobsConfig.schema}.job GROUP BY name, state ORDER BY name, state`
  )
  return rows
}

/** The latest failed jobs, with the error their last attempt gave. */
export async function recentJobFailures(limit = 10): Promise<Record<string, any>[]> {
  await jobs.start({ work: false })
  const { rows } = await lucidDatabase().executeSql(
    `SELECT id, name, retry_count, completed_on, output FROM ${jobsConfig.schema}.job
     WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
    [limit]
  )
  return rows
}
