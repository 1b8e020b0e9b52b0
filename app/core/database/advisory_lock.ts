import db from '@adonisjs/lucid/services/db'

type PgConnection = {
  query(text: string, values?: unknown[]): Promise<{ rows: { locked?: boolean }[] }>
}

/**
 * Runs `work` only if no other process holds the PostgreSQL advisory lock
 * `key`. The lock lives on a connection set aside for it, so the work is
 * free to use the pool and its own transactions. Returns false when the
 * lock was taken elsewhere.
 */
export async function withAdvisoryLock(key: number, work: () => Promise<void>): Promise<boolean> {
  const knexClient = db.connection().getWriteClient().client as unknown as {
    acquireConnection(): Promise<PgConnection>
    releaseConnection(connection: PgConnection): Promise<void>
  }
  const connection = await knexClient.acquireConnection()
  try {
    const { rows } = await connection.query('SELECT pg_try_advisory_lock($1) AS locked', [key])
    if (!rows[0]?.locked) return false
    try {
      await work()
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [key])
    }
    return true
  } finally {
    await knexClient.releaseConnection(connection)
  }
}
