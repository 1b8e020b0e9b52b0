import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Starts the durable job queue once the app is ready: the web server works
 * off jobs; ace commands only enqueue (started on first use); the tests
 * start it after migrating (tests/helpers/test_database.ts).
 * On shutdown the jobs in hand finish, before the database pool closes.
 */
export default class JobsProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    // Tests start the workers themselves, once the test database is migrated.
    if (this.app.getEnvironment() !== 'web') return
    const { default: jobs } = await import('#core/jobs/job_queue')
    const { default: jobsConfig } = await import('#config/jobs')
    await jobs.start({ work: jobsConfig.work })
  }

  async shutdown() {
    const { default: jobs } = await import('#core/jobs/job_queue')
    // Jobs still running after half the shutdown budget are handed over: their heartbeats
    // stop, and another instance (or this one restarted) runs them again.
    const budgetMs = this.app.config.get<number>('app.shutdown.timeoutMs', 8000)
    await jobs.stop(Math.max(1000, Math.min(5000, budgetMs / 2)))
  }
}
