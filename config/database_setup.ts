import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * How the app gets its database ready by itself (see DatabaseSetupProvider).
 */
const databaseSetupConfig = {
  /**
   * The PostgreSQL server the app starts when no server is configured
   * (neither DATABASE_URL nor DB_HOST).
   */
  embedded: {
    enabled: !env.get('DATABASE_URL') && !env.get('DB_HOST'),
    dataDir: app.makePath(env.get('EMBEDDED_DB_DIR', 'tmp/postgres')),
    host: '127.0.0.1',
    port: env.get('EMBEDDED_DB_PORT', 54329),
    user: 'postgres',
    password: 'postgres',
  },

  /**
   * Whether the web server runs pending migrations and seeds demo data
   * into a database without users when it starts.
   */
  autoSetup: env.get('DB_AUTO_SETUP', !app.inProduction),
}

export type EmbeddedDatabaseConfig = (typeof databaseSetupConfig)['embedded']
export default databaseSetupConfig
