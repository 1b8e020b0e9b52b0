import pg from 'pg'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DatabaseServer } from '#tests/helpers/production_server'

/**
 * Kotha's durable jobs that are due and not done (push notifications of
 * the messages a run sent): Kotha's worker delivers them after the run
 * ends, and that work must not land in the next run (the ceiling's).
 */
export class JobBacklog {
  #client: pg.Client

  constructor(server: DatabaseServer, database: string) {
    this.#client = new pg.Client({ ...server, database })
  }

  async open() {
    await this.#client.connect()
    return this
  }

  async count() {
    const { rows } = await this.#client.query(
      `SELECT count(*)::int AS due FROM pgboss.job
       WHERE (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now()))`
    )
    return rows[0].due as number
  }

  /**
   * Waits until Kotha's worker caught up, up to `ms`, or until its pace
   * shows it cannot within that time (waiting longer would only stretch
   * the run): the seconds waited, how many were due and are left, the pace.
   */
  async drain(ms = 30_000) {
    const started = performance.now()
    const first = await this.count()
    let due = first
    let perSecond = 0
    while (due > 0) {
      await sleep(250)
      due = await this.count()
      const elapsed = performance.now() - started
      perSecond = ((first - due) * 1000) / elapsed
      const hopeless = elapsed > 3000 && due / Math.max(perSecond, 0.001) > (ms - elapsed) / 1000
      if (elapsed >= ms || hopeless) break
    }
    return { seconds: (performance.now() - started) / 1000, first, left: due, perSecond }
  }

  async close() {
    await this.#client.end()
  }
}
