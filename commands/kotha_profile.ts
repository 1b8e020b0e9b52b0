import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'

/**
 * `npm run bench:profile -- <endpoint>`: the bench's production server and
 * data set, one endpoint driven by autocannon while Node records a CPU
 * profile; prints the functions and packages with the most CPU time and
 * where the .cpuprofile file is (docs/performance.md: how to profile).
 */
export default class KothaProfile extends BaseCommand {
  static commandName = 'kotha:profile'
  static description = 'CPU profile of the production server under one endpoint (bench data set)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'listing, search, messages, send, room or inbox' })
  declare endpoint: string

  @flags.number({ description: 'Seconds of load', default: 15 })
  declare duration: number

  @flags.number({ description: 'Load connections', default: 32 })
  declare connections: number

  async run() {
    const { databaseServerOf } = await import('#tests/helpers/production_server')
    const { prepareBench } = await import('#tests/bench/bench_setup')
    const { profileEndpoint, hottestFunctions, timeByPackage } =
      await import('#tests/bench/profile_server')
    const { loadForProfile } = await import('#tests/bench/profile_load')
    const dbServer = databaseServerOf(
      db.getRawConnection(db.primaryConnectionName)!.config.connection as never
    )
    const log = (line: string) => this.logger.log(line)
    const bench = await prepareBench(app.makePath(), dbServer, (p) => hash.make(p), log)
    const load = await loadForProfile(this.endpoint, bench.database, {
      duration: this.duration,
      connections: this.connections,
    })
    const profile = await profileEndpoint(bench.settings, load, app.makePath('tmp', 'profiles'))
    log(`\nprofile: ${profile}\n\nself time by package:`)
    for (const line of await timeByPackage(profile, 20)) log(line)
    log('\nfunctions with the most self time:')
    for (const line of await hottestFunctions(profile, 30)) log(line)
  }
}
