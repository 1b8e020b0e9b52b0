import logger from '@adonisjs/core/services/logger'
import pushConfig from '#config/push'

/**
 * An in-process queue for deliveries: jobs start on the next turn of the
 * event loop (never inside the request that queued them), at most
 * `concurrency` at a time, and a failing job is logged, never thrown.
 */
export class PushQueue {
  #running = 0
  #waiting: (() => Promise<void>)[] = []
  #idle: (() => void)[] = []

  constructor(private concurrency: number) {}

  /** Queues a job; returns at once. */
  add(job: () => Promise<void>) {
    this.#waiting.push(job)
    setImmediate(() => this.#next())
  }

  /** Jobs queued or running. */
  get size() {
    return this.#waiting.length + this.#running
  }

  /** Resolves once every queued job (and those they queue) has finished. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  #next() {
    while (this.#running < this.concurrency && this.#waiting.length) {
      const job = this.#waiting.shift()!
      this.#running++
      job()
        .catch((error) => logger.error({ err: error }, 'push delivery job failed'))
        .finally(() => {
          this.#running--
          this.#next()
          if (this.size === 0) this.#idle.splice(0).forEach((resolve) => resolve())
        })
    }
  }
}

/** The app's one delivery queue (notifyUser adds to it). */
export const pushQueue = new PushQueue(pushConfig.concurrency)

/**
 * Waits until every notification queued by notifyUser() has been delivered
 * (or given up). Tests call it; so may a graceful shutdown.
 */
export function drainPushQueue(): Promise<void> {
  return pushQueue.drain()
}
