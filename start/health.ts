/*
|--------------------------------------------------------------------------
| Health checks (GET /health/live, GET /health/ready)
|--------------------------------------------------------------------------
|
| /health/live answers 200 while the process runs and reads nothing.
| /health/ready runs every check below (in parallel) and answers 503 when
| one fails: the database, the job queue, and "not shutting down". Add a check here, or
| from another start file with `readinessChecks.append([new YourCheck()])`
| (a BaseCheck from @adonisjs/core/health; wrap it in TimedCheck so a hung
| dependency cannot make the probe slow).
|
*/
import { HealthChecks } from '@adonisjs/core/health'
import { DatabaseCheck, ShutdownCheck, TimedCheck } from '#core/health/checks'
import { JobQueueCheck } from '#core/jobs/job_queue_check'

/** A probe answers within about this long, whatever a dependency does. */
export const CHECK_TIMEOUT_MS = 2000

export const readinessChecks = new HealthChecks().register([
  new ShutdownCheck(),
  new TimedCheck(new DatabaseCheck(), CHECK_TIMEOUT_MS).as('Database'),
  new TimedCheck(new JobQueueCheck(), CHECK_TIMEOUT_MS).as('Job queue'),
])
