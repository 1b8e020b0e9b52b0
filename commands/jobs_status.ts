import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * What the durable job queue holds: jobs per queue and state (with the
 * oldest of each), and the latest failures with their error.
 */
export default class JobsStatus extends BaseCommand {
  static commandName = 'jobs:status'
  static description = 'Show the durable job queue: jobs per queue and state, recent failures'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many recent failures to list', default: 10 })
  declare failures: number

  @flags.boolean({ description: 'Print JSON instead of tables' })
  declare json: boolean

  async run() {
    const { default: jobs } = await import('#core/jobs/job_queue')
    const { jobCounts, recentJobFailures } = await import('#core/jobs/job_report')
    const [counts, failures] = await Promise.all([jobCounts(), recentJobFailures(this.failures)])
    if (this.json) {
      this.logger.log(JSON.stringify({ queues: jobs.queueNames, counts, failures }, null, 2))
      return
    }
    const table = this.ui.table().head(['Queue', 'State', 'Jobs', 'Oldest'])
    for (const name of jobs.queueNames) {
      const rows = counts.filter((row) => row.name === name)
      if (!rows.length) table.row([name, '-', '0', '-'])
      for (const row of rows) {
        table.row([name, row.state, String(row.count), new Date(row.oldest).toISOString()])
      }
    }
    table.render()
    if (!failures.length) return this.logger.success('No failed jobs')
    const failed = this.ui.table().head(['Failed job', 'Queue', 'Retries', 'When', 'Error'])
    for (const job of failures) {
      failed.row([
        job.id,
        job.name,
        String(job.retry_count),
        job.completed_on ? new Date(job.completed_on).toISOString() : '-',
        String(job.output?.message ?? '').slice(0, 80),
      ])
    }
    failed.render()
  }
}
