import { existsSync } from 'node:fs'
import { symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { migrate, productionBuild, type DatabaseServer } from '#tests/helpers/production_server'
import { BenchDatabase } from '#tests/bench/bench_database'
import { benchAppKey, kothaSettings } from '#tests/bench/kotha_server'
import { BENCH_PASSWORD } from '#tests/bench/data_set'

export type Log = (line: string) => void

/**
 * The checkout to measure: this one, or `--app <dir>` (an older commit in
 * a `git worktree`). A worktree has no node_modules of its own: this
 * checkout's are linked in (said so), as the build needs them.
 */
export async function appRootOf(app: string | undefined, ownRoot: string, log: Log) {
  const root = resolve(app ?? ownRoot)
  if (!existsSync(join(root, 'ace.js'))) throw new Error(`${root} is not a Kotha checkout`)
  if (!existsSync(join(root, 'node_modules'))) {
    await symlink(join(ownRoot, 'node_modules'), join(root, 'node_modules'), 'dir')
    log(`linked ${join(ownRoot, 'node_modules')} into ${root} (it had no node_modules)`)
  }
  return root
}

async function timed<T>(log: Log, what: string, work: () => Promise<T>) {
  const started = performance.now()
  const result = await work()
  log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return result
}

/**
 * Builds the app (cached by source hash), gets the bench database ready
 * (migrated and loaded once, reset on every run) and returns the settings
 * Kotha's production server starts with.
 */
export async function prepareBench(
  appRoot: string,
  dbServer: DatabaseServer,
  hashPassword: (password: string) => Promise<string>,
  log: Log
) {
  const buildDir = await timed(log, 'production build', () => productionBuild(appRoot))
  const database = await BenchDatabase.forApp(dbServer, appRoot)
  await database.dropOthers(log)
  const appKey = benchAppKey()
  const settings = await kothaSettings(buildDir, { name: database.name, server: dbServer }, appKey)
  if (await database.isLoaded()) {
    log(`database ${database.name}: loaded by an earlier run, reused`)
  } else {
    await database.recreate()
    await timed(log, `migrations into ${database.name}`, () => migrate(settings))
    const passwordHash = await hashPassword(BENCH_PASSWORD)
    await timed(log, 'loading the data set', () => database.load(passwordHash))
  }
  await database.resetRunState()
  return { buildDir, database, settings, appKey }
}
