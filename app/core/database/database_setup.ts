import pg from 'pg'
import type { Logger } from '@adonisjs/core/logger'
import type { ApplicationService } from '@adonisjs/core/types'
import type { Database } from '@adonisjs/lucid/database'
import { MigrationRunner } from '@adonisjs/lucid/migration'

/**
 * The steps that take an empty PostgreSQL server to a usable Kotha
 * database: create it, migrate it, and fill it with demo data once.
 */
export class DatabaseSetup {
  constructor(
    private app: ApplicationService,
    private db: Database,
    private logger: Logger
  ) {}

  /**
   * Creates the configured database through the server's `postgres`
   * maintenance database. Lacking the right to do so is not fatal: the
   * database may exist already, and the first query will tell.
   */
  async createDatabaseIfMissing() {
    const settings = this.db.getRawConnection(this.db.primaryConnectionName)?.config
      .connection as pg.ClientConfig
    if (!settings || settings.connectionString || !settings.database) return

    const client = new pg.Client({ ...settings, database: 'postgres' })
    try {
      await client.connect()
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        settings.database,
      ])
      if (found.rowCount === 0) {
        await client.query(`CREATE DATABASE "${settings.database.replaceAll('"', '""')}"`)
        this.logger.info('created database %s', settings.database)
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check or create database %s', settings.database)
    } finally {
      await client.end().catch(() => {})
    }
  }

  /**
   * Runs pending migrations, then seeds demo data when there are no users.
   */
  async migrateAndSeedDemoData() {
    const migrator = new MigrationRunner(this.db, this.app, {
      direction: 'up',
      dryRun: false,
    })
    await migrator.run()
    if (migrator.error) throw migrator.error
    const applied = Object.values(migrator.migratedFiles).filter(
      (file) => file.status === 'completed'
    )
    if (applied.length) this.logger.info('applied %d migrations', applied.length)

    const users = await this.db.from('users').count('* as total').first()
    if (Number(users?.total ?? 0) > 0) return

    this.logger.info('empty database: seeding demo data')
    const { default: DemoSeeder } = await import('#database/seeders/demo_seeder')
    await new DemoSeeder(this.db.connection()).run()
  }
}
