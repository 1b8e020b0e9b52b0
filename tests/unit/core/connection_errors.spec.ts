import { test } from '@japa/runner'
import { isDatabaseUnavailable } from '#core/database/connection_errors'

function withCode(message: string, code: string) {
  return Object.assign(new Error(message), { code })
}

test.group('Connection errors / what counts as "the database is unreachable"', () => {
  test('socket failures, connection SQLSTATEs and pool timeouts do', ({ assert }) => {
    const unavailable = [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('connect ETIMEDOUT 10.0.0.5:5432', 'ETIMEDOUT'),
      withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection because of crash of another server process', '57P02'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('sorry, too many clients already', '53300'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      Object.assign(
        new Error(
          'Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?'
        ),
        { name: 'KnexTimeoutError' }
      ),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
      new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ]
    for (const error of unavailable) assert.isTrue(isDatabaseUnavailable(error), error.message)
  })

  test('query errors, bugs and other services being down do not', ({ assert }) => {
    const others: unknown[] = [
      withCode('syntax error at or near "SELEC"', '42601'),
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('relation "rooms" does not exist', '42P01'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      Object.assign(withCode('connect ECONNREFUSED 1.2.3.4:443', 'ECONNREFUSED'), {
        isAxiosError: true,
      }),
      new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
      null,
      'a string',
      { status: 404 },
    ]
    for (const error of others) assert.isFalse(isDatabaseUnavailable(error), String(error))
  })
})
