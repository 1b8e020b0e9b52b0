import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import jobsConfig from '#config/jobs'
import jobs from '#core/jobs/job_queue'
import { jobIdFor } from '#core/jobs/job_key'
import { BROADCAST_QUEUE, broadcastDurably } from '#core/live/durable_broadcast'
import { withRollback } from '#tests/helpers/app'

/** The broadcast jobs stored under a key (in any state). */
async function broadcastJobs(key: string) {
  const { rows } = await db.rawQuery(
    `SELECT id, state, data FROM ${jobsConfig.schema}.job WHERE name = ? AND id = ?`,
    [BROADCAST_QUEUE, jobIdFor(BROADCAST_QUEUE, key)]
  )
  return rows as { id: string; state: string; data: any }[]
}

test.group('Jobs / the durable queue', (group) => {
  withRollback(group)

  test('a key stands for one job id: the same in every process, distinct per queue', ({
    assert,
  }) => {
    const id = jobIdFor('push.deliver', 'message:12:1796120775229:user:3')
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(id, jobIdFor('push.deliver', 'message:12:1796120775229:user:3'))
    assert.notEqual(id, jobIdFor('live.broadcast', 'message:12:1796120775229:user:3'))
    assert.notEqual(id, jobIdFor('push.deliver', 'message:13:1796120775229:user:3'))
  })

  test('a job enqueued in a transaction exists only if it commits, and once per key', async ({
    assert,
  }) => {
    const message = { channel: 'users/1', data: { type: 'test' } }
    const rolledBack = await db.transaction()
    await broadcastDurably(rolledBack, 'test:rolled-back', [message])
    await rolledBack.rollback()
    assert.lengthOf(await broadcastJobs('test:rolled-back'), 0)

    const committed = await db.transaction()
    await broadcastDurably(committed, 'test:committed', [message])
    await broadcastDurably(committed, 'test:committed', [message])
    await committed.commit()
    await jobs.drain()
    const [job, ...more] = await broadcastJobs('test:committed')
    assert.lengthOf(more, 0)
    assert.equal(job.state, 'completed', 'the worker ran it right after the commit')
    assert.deepEqual(job.data, { messages: [message] })
  })

  test('a job scheduled for later waits, and runs when run by hand', async ({ assert }) => {
    await jobs.enqueue(BROADCAST_QUEUE, { messages: [] }, { key: 'test:later', startAfter: 3600 })
    await jobs.drain()
    assert.equal((await broadcastJobs('test:later'))[0].state, 'created')
    assert.equal(await jobs.runNow(BROADCAST_QUEUE), 1)
    assert.equal((await broadcastJobs('test:later'))[0].state, 'completed')
  })

  test('an unknown queue is refused', async ({ assert }) => {
    await assert.rejects(() => jobs.enqueue('no.such.queue', {}), /No job queue named/)
  })

  test('node ace jobs:status lists every queue and its jobs', async ({ assert, cleanup }) => {
    await jobs.enqueue(BROADCAST_QUEUE, { messages: [] }, { key: 'test:status', startAfter: 3600 })
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const command = await ace.exec('jobs:status', ['--json'])
    command.assertSucceeded()
    const report = JSON.parse(
      ace.ui.logger
        .getLogs()
        .map((log) => log.message)
        .join('\n')
    )
    assert.includeMembers(report.queues, [
      'live.broadcast',
      'push.deliver',
      'calls.ring_timeout',
      'payments.reconcile',
    ])
    assert.isTrue(
      report.counts.some(
        (row: any) => row.name === BROADCAST_QUEUE && row.state === 'created' && row.count >= 1
      )
    )
  })
})
