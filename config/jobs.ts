import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * The durable job queue (pg-boss, in the app's own PostgreSQL). Jobs are
 * enqueued in the transaction of the change that causes them; the web
 * server works them off. See app/core/jobs/job_queue.ts.
 */
const jobsConfig = {
  /** The PostgreSQL schema pg-boss keeps its tables in. */
  schema: env.get('JOBS_SCHEMA', 'pgboss'),
  /** Whether this process works off jobs (the web server and tests do; ace commands do not). */
  work: env.get('JOBS_WORK', true),
  /** How often an idle worker looks for jobs another instance enqueued (its own are woken at once). */
  pollSeconds: env.get('JOBS_POLL_SECONDS', app.inTest ? 0.5 : 1),
  /**
   * A job whose worker stops sending heartbeats this long (a killed process) is retried
   * by another worker. pg-boss's minimum is 10.
   */
  heartbeatSeconds: env.get('JOBS_HEARTBEAT_SECONDS', 10),
  /** How often the supervisor retries jobs of dead workers and cleans up (seconds). */
  superviseSeconds: env.get('JOBS_SUPERVISE_SECONDS', 5),
  /** Failed attempts are retried this many times, with exponential back-off from retryDelaySeconds. */
  retryLimit: env.get('JOBS_RETRY_LIMIT', 5),
  retryDelaySeconds: env.get('JOBS_RETRY_DELAY_SECONDS', 2),
  /** Completed jobs are kept this long (their ids dedupe a job enqueued twice). */
  keepCompletedSeconds: env.get('JOBS_KEEP_COMPLETED_SECONDS', 7 * 24 * 3600),
  /** Jobs of one queue run at most this many at a time per process. */
  concurrency: env.get('JOBS_CONCURRENCY', 4),
}

export default jobsConfig
