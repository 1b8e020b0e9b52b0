import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { type PgBoss, type Job, type JobResult } from 'pg-boss'
import jobsConfig from '#config/jobs'
import { jobIdFor } from '#core/jobs/job_key'
import { lucidDatabase } from '#core/jobs/lucid_database'
import { startPgBoss } from '#core/jobs/pg_boss_start'

/** A class with `handle(data, job)`, made by the container (so it may inject). */
type JobHandlerClass = new (...args: any[]) => {
  handle(data: any, job: { id: string; retryCount: number }): Promise<unknown>
}
export type LazyJobHandler = () => Promise<{ default: JobHandlerClass }>

export type QueueSettings = {
  /** `stately`: at most one job waiting and one running (a self-rescheduling tick). */
  policy?: 'standard' | 'stately'
  retryLimit?: number
  /** A running job with no result after this long is retried (it also has heartbeats). */
  expireInSeconds?: number
  concurrency?: number
  /** A recurring job: one run per slot of this many seconds across every instance (0: none). */
  everySeconds?: number
}

export type EnqueueOptions = {
  /** The transaction of the change that causes the job: the job exists only if it commits. */
  trx?: TransactionClientContract
  /** Stands for the job: enqueueing the same key again stores nothing (see jobIdFor). */
  key?: string
  /** Run no earlier than this many seconds from now, or at this date. */
  startAfter?: number | Date
}

type Definition = { name: string; handler: LazyJobHandler; settings: QueueSettings }
type Lifecycle = 'idle' | 'starting' | 'started' | 'stopped'

/**
 * The app's durable job queue: pg-boss over Lucid's pool, so jobs live in
 * the same PostgreSQL as the data (embedded or configured) and are
 * enqueued in the same transaction as the change that causes them (an
 * outbox). A job woken locally after its commit starts at once; one from
 * another instance within JOBS_POLL_SECONDS. A worker that dies (kill -9)
 * stops its heartbeats and its jobs are retried; handlers must tolerate a
 * second run (keys make their own follow-up jobs idempotent).
 */
export class JobQueue {
  #definitions = new Map<string, Definition>()
  #workers = new Map<string, string>()
  #boss?: PgBoss
  #starting?: Promise<PgBoss>
  #state: Lifecycle = 'idle'
  #running = 0

  /** Declares a queue and the handler that works off its jobs (start/jobs.ts). */
  define(name: string, handler: LazyJobHandler, settings: QueueSettings = {}) {
    this.#definitions.set(name, { name, handler, settings })
  }

  get queueNames() {
    return [...this.#definitions.keys()]
  }

  get isStarted() {
    return this.#state === 'started'
  }

  /** Installs or migrates pg-boss's schema, creates the queues and (with `work`) starts workers. */
  start({ work }: { work: boolean }): Promise<PgBoss> {
    this.#starting ??= this.#start(work)
    return this.#starting
  }

  async enqueue(name: string, data: object, options: EnqueueOptions = {}) {
    const settings = this.#definition(name).settings
    const boss = this.#boss ?? (await this.start({ work: false }))
    const id = await boss.send(name, data, {
      id: options.key ? jobIdFor(name, options.key) : undefined,
      startAfter: options.startAfter,
      retryLimit: settings.retryLimit ?? jobsConfig.retryLimit,
      retryDelay: jobsConfig.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: 300,
      expireInSeconds: settings.expireInSeconds ?? 120,
      heartbeatSeconds: Math.max(10, jobsConfig.heartbeatSeconds),
      deleteAfterSeconds: jobsConfig.keepCompletedSeconds,
      db: lucidDatabase(options.trx),
    })
    if (!options.startAfter) {
      if (options.trx) options.trx.after('commit', () => this.wake(name))
      else this.wake(name)
    }
    return id
  }

  /** Lets this process's worker of the queue fetch now rather than at its next poll. */
  wake(name: string) {
    const workerId = this.#workers.get(name)
    if (workerId && this.#boss && this.#state === 'started') this.#boss.notifyWorker(workerId)
  }

  /**
   * Waits until no job is ready or running (tests, before their transaction
   * is rolled back; jobs scheduled for later are not waited for).
   */
  async drain(timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs
    while (this.#state === 'started' && Date.now() < deadline) {
      if (this.#running === 0 && (await this.#pendingCount()) === 0) return
      this.queueNames.forEach((name) => this.wake(name))
      await sleep(15)
    }
  }

  /** Finishes the jobs in hand (up to `timeoutMs`), then stops fetching. */
  async stop(timeoutMs = 5_000) {
    if (this.#state !== 'started' || !this.#boss) return
    this.#state = 'stopped'
    await this.#boss.stop({ graceful: true, timeout: timeoutMs, close: false })
  }

  /**
   * Runs the queue's waiting jobs now, those scheduled for later too, and
   * waits for them (tests, where the clock of their transaction stands still).
   */
  async runNow(name: string) {
    const boss = this.#boss ?? (await this.start({ work: false }))
    const definition = this.#definition(name)
    const fetched = await boss.fetch<object>(name, { batchSize: 100, ignoreStartAfter: true })
    if (!fetched.length) return 0
    const results = await this.#run(definition, fetched)
    for (const result of results) {
      if (result.status === 'completed') await boss.complete(name, result.id)
      else await boss.fail(name, result.id, result.output ?? null)
    }
    return fetched.length
  }

  async #start(work: boolean) {
    this.#state = 'starting'
    const boss = await startPgBoss(work, [...this.#definitions.values()])
    this.#boss = boss
    this.#state = 'started'
    if (work) await this.#startWorkers(boss)
    return boss
  }

  async #startWorkers(boss: PgBoss) {
    for (const definition of this.#definitions.values()) {
      const workerId = await boss.work(
        definition.name,
        {
          batchSize: definition.settings.concurrency ?? jobsConfig.concurrency,
          pollingIntervalSeconds: Math.max(0.5, jobsConfig.pollSeconds),
          // A full batch means more are waiting: fetch again at once, not at the next poll
          // (a backlog of pushes drained at one batch per poll, 8 a second).
          burstWhenBatchFull: true,
          perJobResults: true,
        },
        (jobs: Job<object>[]) => this.#run(definition, jobs)
      )
      this.#workers.set(definition.name, workerId)
      await this.#scheduleNextRun(definition)
    }
  }

  /**
   * The next slot of a recurring job. Every instance enqueues it under the
   * slot's key, so the slot is stored, and run, once.
   */
  async #scheduleNextRun({ name, settings }: Definition) {
    const seconds = settings.everySeconds ?? 0
    // Tests run the reconciler and the sweep themselves, never behind a test's back.
    if (seconds <= 0 || this.#state !== 'started' || app.inTest) return
    const slot = Math.floor(Date.now() / 1000 / seconds) + 1
    await this.enqueue(
      name,
      { slot },
      { key: `slot:${slot}`, startAfter: new Date(slot * seconds * 1000) }
    ).catch((error) => logger.error({ err: error, queue: name }, 'could not schedule a run'))
  }

  /** Runs a batch side by side; each job completes or fails (and is retried) on its own. */
  async #run(definition: Definition, jobs: Job<object>[]): Promise<JobResult[]> {
    this.#running += jobs.length
    try {
      const { default: Handler } = await definition.handler()
      const handler = await app.container.make(Handler)
      return await Promise.all(
        jobs.map(async (job): Promise<JobResult> => {
          try {
            await handler.handle(job.data, { id: job.id, retryCount: job.retryCount })
            return { id: job.id, status: 'completed' }
          } catch (error) {
            logger.warn({ err: error, job: job.id, queue: job.name }, 'job failed; it is retried')
            return { id: job.id, status: 'failed', output: { message: String(error) } }
          }
        })
      )
    } finally {
      this.#running -= jobs.length
      await this.#scheduleNextRun(definition)
    }
  }

  async #pendingCount() {
    const { rows } = await lucidDatabase().executeSql(
      `SELECT count(*)::int AS count FROM ${jobsConfig.schema}.job WHERE name = ANY($1)
       AND (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now()))`,
      [this.queueNames]
    )
    return rows[0]?.count ?? 0
  }

  #definition(name: string) {
    const definition = this.#definitions.get(name)
    if (!definition) throw new Error(`No job queue named "${name}" (see start/jobs.ts)`)
    return definition
  }
}

/** The app's one job queue. */
const jobs = new JobQueue()
export default jobs
