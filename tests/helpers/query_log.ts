import db from '@adonisjs/lucid/services/db'

type KnexLike = {
  on(event: 'query', listener: (query: { sql: string }) => void): void
  off(event: 'query', listener: (query: { sql: string }) => void): void
}

/**
 * The SQL statements the app sends while `work` runs (through the test
 * server too: it shares the process and the pool), transaction control
 * statements left out.
 */
export async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const knex = db.getRawConnection(db.primaryConnectionName)!.connection!
    .client as unknown as KnexLike
  const statements: string[] = []
  const listener = ({ sql }: { sql: string }) => {
    if (!/^\s*(begin|commit|rollback|savepoint|release savepoint)/i.test(sql)) statements.push(sql)
  }
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return statements
}
