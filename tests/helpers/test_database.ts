import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobs from '#core/jobs/job_queue'
import jobsConfig from '#config/jobs'

async function runAce(commandName: string, args: string[]) {
  const ace = await app.container.make('ace')
  const command = await ace.exec(commandName, args)
  if (command.exitCode) throw command.error ?? new Error(`"${commandName}" failed`)
}

/**
 * Before any test: migrate, empty every table, then start the job workers.
 *
 * The order matters. Lucid takes its migration lock on one pooled
 * connection and releases it on whichever the pool hands out next; with
 * workers already polling the same pool, that is often another connection,
 * the release fails ("unable to release database lock") and the run stops.
 * So nothing else queries while migrations run, and the schema is kept
 * after the run (no `migration:reset` racing the workers at teardown):
 * the next run starts from empty tables instead.
 */
export async function prepareTestDatabase() {
  await runAce('migration:run', ['--compact-output', '--no-schema-generate'])
  await runAce('db:truncate', [])
  // Jobs of an earlier run name rows of tables since emptied: start from none.
  const { rows } = await db.rawQuery('SELECT to_regclass(?) IS NOT NULL AS present', [
    `${jobsConfig.schema}.job`,
  ])
  if (rows[0].present) await db.rawQuery(`TRUNCATE ${jobsConfig.schema}.job`)
  await jobs.start({ work: jobsConfig.work })
}
