import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Measures graceful shutdown (npm run bench:shutdown): builds and starts
 * the production server in a child process on a database of its own, opens
 * N live streams to it (one connection each), sends SIGTERM and reports the
 * seconds until the process exited and what happened to the streams; then
 * the same for an idle server. Prints figures; asserts nothing.
 */
export default class KothaBenchShutdown extends BaseCommand {
  static commandName = 'kotha:bench-shutdown'
  static description =
    'Seconds from SIGTERM to exit with N open live streams (npm run bench:shutdown)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Live streams to hold open', default: 5000 })
  declare streams: number

  @flags.number({ description: 'SHUTDOWN_TIMEOUT_SECONDS of the server', default: 8 })
  declare timeout: number

  async run() {
    const helpers = await import('#tests/helpers/production_server')
    const { seedConversationIn } = await import('#tests/helpers/live_chat')
    const { HttpSession } = await import('#tests/helpers/sse_client')
    const { StreamCrowd } = await import('#tests/helpers/stream_crowd')
    const { TEST_PASSWORD } = await import('#database/factories/user_factory')

    this.logger.info('production build…')
    const buildDir = await helpers.productionBuild(app.makePath())
    const dbServer = helpers.databaseServerOf(
      db.getRawConnection(db.primaryConnectionName)!.config.connection as never
    )
    const database = await new helpers.FreshDatabase(dbServer).create()
    try {
      const settings = {
        buildDir,
        port: await helpers.freePort(),
        database: { name: database.name, server: dbServer },
        env: { SHUTDOWN_TIMEOUT_SECONDS: String(this.timeout), LOG_LEVEL: 'warn' },
      }
      await helpers.migrate(settings)
      const { client } = await seedConversationIn(database.name)
      const server = new helpers.ProductionServer(settings)

      await server.start()
      const session = await HttpSession.loggedInAs(client.email, TEST_PASSWORD, server.baseUrl)
      const crowd = new StreamCrowd(server.baseUrl, session.cookieHeader)
      const openedAt = Date.now()
      await crowd.open(this.streams)
      this.logger.info(
        `${crowd.opened} streams open in ${((Date.now() - openedAt) / 1000).toFixed(1)} s (${crowd.refused} refused)`
      )
      const busy = await server.stop('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 200))
      crowd.close()

      await server.start()
      await fetch(`${server.baseUrl}/health/live`)
      const idle = await server.stop('SIGTERM')

      this.logger.log('')
      this.logger.log(
        `SIGTERM with ${crowd.opened} open streams: exited in ${busy.seconds.toFixed(3)} s (code ${busy.code}); ` +
          `${crowd.ended} streams ended cleanly (${crowd.toldToRetry} with retry:), ${crowd.cut} cut, ${crowd.stillOpen} still open`
      )
      this.logger.log(`SIGTERM idle: exited in ${idle.seconds.toFixed(3)} s (code ${idle.code})`)
    } finally {
      await database.drop()
    }
  }
}
