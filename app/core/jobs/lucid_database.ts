import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Db as IDatabase } from 'pg-boss'

export const ENDED_TRANSACTION = 'The transaction of this job statement has already ended'

type PgConnection = { query(text: string, values?: unknown[]): Promise<{ rows: any[] }> }
type KnexDriver = {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}

/**
 * pg-boss statements through Lucid: in `client` when given (a transaction:
 * the job commits or rolls back with the change that caused it), else on
 * Lucid's current connection (the pool; in tests, the test's transaction,
 * so workers see what the test wrote). One pool for the app and its jobs.
 */
export function lucidDatabase(client?: QueryClientContract): IDatabase {
  return {
    executeSql: (text, values) => runOn(client ?? db.connection(), text, values),
  }
}

async function runOn(client: QueryClientContract, text: string, values?: unknown[]) {
  if (client.isTransaction && (client as { isCompleted?: boolean }).isCompleted) {
    throw new Error(ENDED_TRANSACTION)
  }
  // A transaction's knex client hands out its own connection; the pool's hands out a free one.
  const driver = (client.getWriteClient() as unknown as { client: KnexDriver }).client
  const connection = await driver.acquireConnection()
  try {
    return await connection.query(text, values)
  } catch (error) {
    // pg-boss installs its schema as one "BEGIN; …; COMMIT;" text: when a statement of it
    // fails (another instance installing at the same moment), the pooled connection is left
    // in the aborted transaction and would fail everything after it. A connection of the
    // app's own transaction is left alone: Lucid rolls it back.
    if (!client.isTransaction) await connection.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await driver.releaseConnection(connection)
  }
}
