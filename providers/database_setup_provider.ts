import type { ApplicationService } from '@adonisjs/core/types'
import type databaseSetupConfig from '#config/database_setup'
import { EmbeddedPostgresServer } from '#core/database/embedded_postgres_server'
import { DatabaseSetup } from '#core/database/database_setup'

/**
 * Gets the database ready before anything queries it: starts the embedded
 * PostgreSQL when no server is configured, creates the database when it is
 * missing, and (web server only, DB_AUTO_SETUP) migrates and seeds demo data.
 */
export default class DatabaseSetupProvider {
  #embeddedServer?: EmbeddedPostgresServer

  constructor(protected app: ApplicationService) {}

  async boot() {
    const logger = await this.app.container.make('logger')
    const { embedded } = this.app.config.get<typeof databaseSetupConfig>('database_setup')
    if (embedded.enabled) {
      this.#embeddedServer = new EmbeddedPostgresServer(embedded, logger)
      await this.#embeddedServer.start()
    }
  }

  async start() {
    const db = await this.app.container.make('lucid.db')
    const logger = await this.app.container.make('logger')
    const setup = new DatabaseSetup(this.app, db, logger)
    await setup.createDatabaseIfMissing()

    if (
      this.app.getEnvironment() === 'web' &&
      this.app.config.get<boolean>('database_setup.autoSetup')
    ) {
      await setup.migrateAndSeedDemoData()
    }
  }

  async shutdown() {
    const db = await this.app.container.make('lucid.db')
    await db.manager.closeAll()
    await this.#embeddedServer?.stop()
  }
}
