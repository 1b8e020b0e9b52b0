import testUtils from '@adonisjs/core/services/test_utils'
import type { Group } from '@japa/runner/core'
import { drawRoomIllustration } from '#dev/demo/room_illustration'
import jobs from '#core/jobs/job_queue'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Every test of the group runs inside a transaction rolled back afterwards.
 */
export function withRollback(group: Group) {
  group.each.setup(async () => {
    forgetEndedGlobalTransaction()
    const rollback = await testUtils.db().withGlobalTransaction()
    return async () => {
      // Jobs the test queued (push deliveries, broadcasts) finish before their data is rolled back.
      await jobs.drain()
      await rollback()
    }
  })
}

/**
 * A real, small PNG picture.
 */
export function pngBytes(seed = 1) {
  return drawRoomIllustration(seed, 64, 48)
}

/**
 * Text that pretends to be an image by its name only.
 */
export function fakeJpegBytes() {
  return Buffer.from('<?php echo "not an image"; ?>')
}

/**
 * The validation messages a response flashed, by field.
 */
export function flashedInputErrors(response: { flashMessages(): Record<string, unknown> }) {
  return (response.flashMessages().inputErrorsBag ?? {}) as Record<string, string[]>
}

/**
 * Works off every job that is due now (deliveries, broadcasts) and waits
 * until they are done: what a worker does right after a commit.
 */
export function drainJobs() {
  return jobs.drain()
}

/**
 * Every test of the group starts on empty tables and leaves them empty
 * (groups that need real, concurrent transactions). Unlike
 * `testUtils.db().truncate()`, it runs no `migration:run` first: the suite
 * migrated once, and Lucid's migration lock is taken and released on
 * pooled connections, so with the job workers querying the same pool the
 * release can land on another connection and fail ("unable to release
 * database lock").
 */
export function withEmptyTables(group: Group) {
  group.each.setup(async () => {
    const truncate = async () => {
      const ace = await app.container.make('ace')
      const command = await ace.exec('db:truncate', [])
      if (command.exitCode) throw command.error ?? new Error('db:truncate failed')
    }
    return truncate
  })
}

/**
 * A global transaction whose knex transaction ended without Lucid's commit
 * or rollback (a request of an earlier test still running when its
 * transaction closed) stays registered, and Lucid would hand it to the next
 * test, whose every statement then fails ("Transaction query already
 * complete"). It is dropped so that the next test begins a fresh one.
 */
function forgetEndedGlobalTransaction() {
  const name = db.primaryConnectionName
  const current = db.connectionGlobalTransactions.get(name)
  if (current?.isCompleted) db.connectionGlobalTransactions.delete(name)
}
