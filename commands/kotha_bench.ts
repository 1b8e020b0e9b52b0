import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { performance } from 'node:perf_hooks'
import type pg from 'pg'

/**
 * `npm run bench`: Kotha's production build against a ceiling, a minimal
 * node:http + pg server doing the same SQL (tests/bench/ceiling_server.ts),
 * on a deterministic data set in a database of its own, both driven by
 * autocannon with logged-in sessions, in alternating rounds; then a live
 * chat scenario (N SSE subscribers, M messages a second offered open loop).
 * Prints figures; asserts nothing. The modules are under tests/bench/.
 */
export default class KothaBench extends BaseCommand {
  static commandName = 'kotha:bench'
  static description = 'Benchmark Kotha against a minimal server doing the same SQL (npm run bench)'
  static options: CommandOptions = { startApp: true }

  @flags.string({
    flagName: 'app',
    description: 'Build and measure another checkout (a git worktree)',
  })
  declare appDir?: string

  @flags.number({ description: 'Seconds per measured run', default: 10 })
  declare duration: number

  @flags.number({ description: 'Load connections (each its own logged-in session)', default: 32 })
  declare connections: number

  @flags.number({
    description: 'Rounds per endpoint and server (medians are reported)',
    default: 3,
  })
  declare rounds: number

  @flags.number({ description: 'Unmeasured warm-up seconds per endpoint and server', default: 2 })
  declare warmup: number

  @flags.string({ description: 'Only these endpoints: listing,search,messages,send,room,inbox' })
  declare only?: string

  @flags.boolean({ description: 'Print the results as JSON at the end too', default: false })
  declare json: boolean

  @flags.boolean({ description: 'Run the chat scenario (--no-chat to skip)', default: true })
  declare chat: boolean

  @flags.number({ description: 'Chat: live subscribers (SSE streams)', default: 5000 })
  declare subscribers: number

  @flags.number({ description: 'Chat: messages offered per second', default: 200 })
  declare rate: number

  @flags.number({ description: 'Chat: seconds of sending', default: 20 })
  declare seconds: number

  @flags.string({
    description: 'Keep one raw answer of each endpoint and server in this directory',
  })
  declare saveAnswers?: string

  async run() {
    const { databaseServerOf } = await import('#tests/helpers/production_server')
    const { endpointsOf } = await import('#tests/bench/bench_options')
    const { runBench } = await import('#tests/bench/bench_run')
    const { printHeader } = await import('#tests/bench/bench_header')
    const started = performance.now()
    const log = (line: string) => this.logger.log(line)
    const options = {
      appDir: this.appDir,
      duration: this.duration,
      connections: this.connections,
      rounds: this.rounds,
      warmup: this.warmup,
      only: endpointsOf(this.only),
      json: this.json,
      chat: this.chat,
      subscribers: this.subscribers,
      rate: this.rate,
      seconds: this.seconds,
      saveAnswers: this.saveAnswers,
    }
    const dbServer = databaseServerOf(
      db.getRawConnection(db.primaryConnectionName)!.config.connection as pg.ClientConfig
    )
    const header = printHeader(options, dbServer, log)
    const results = await runBench(options, {
      ownRoot: app.makePath(),
      dbServer,
      hashPassword: (password) => hash.make(password),
      log,
    })
    const minutes = (performance.now() - started) / 60_000
    log('')
    log(`Whole run: ${minutes.toFixed(1)} min`)
    if (this.json) log(JSON.stringify({ ...header, ...results, minutes }, null, 2))
  }
}
