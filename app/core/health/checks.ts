import { BaseCheck, Result } from '@adonisjs/core/health'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import type { HealthCheckContract } from '@adonisjs/core/types/health'
import { shutdownState } from '#core/http/graceful_shutdown'

/**
 * Not ready once SIGTERM arrived: the balancer stops sending this instance
 * new work while it finishes what it has.
 */
export class ShutdownCheck extends BaseCheck {
  name = 'Shutdown'

  async run() {
    return shutdownState.draining
      ? Result.failed('Shutting down').mergeMetaData({ since: new Date(shutdownState.since) })
      : Result.ok('Serving')
  }
}

/**
 * Runs another check with a deadline: a database that does not answer (a
 * lost network rather than a refused connection) makes the probe fail in
 * `timeoutMs`, not when the pool gives up a minute later.
 */
export class TimedCheck extends BaseCheck {
  name: string

  constructor(
    private check: HealthCheckContract,
    private timeoutMs: number
  ) {
    super()
    this.name = check.name
  }

  async run() {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<Result>((resolve) => {
      timer = setTimeout(
        () => resolve(Result.failed(`No answer within ${this.timeoutMs} ms`)),
        this.timeoutMs
      )
    })
    try {
      return await Promise.race([this.check.run(), deadline])
    } catch (error) {
      return Result.failed(error as Error)
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * Lucid's DbCheck on the connection of the moment (the pool; a test's
 * transaction while one runs), never one kept from when this file loaded.
 */
export class DatabaseCheck extends BaseCheck {
  name = 'Database'

  async run() {
    return new DbCheck(db.connection()).run()
  }
}
