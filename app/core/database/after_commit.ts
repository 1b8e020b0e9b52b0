import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs `work` in the caller's transaction, or in a transaction of its own,
 * and `announce` once that transaction commits (events follow the commit).
 */
export async function afterCommit<T>(
  trx: TransactionClientContract | undefined,
  work: (trx: TransactionClientContract) => Promise<T>,
  announce: (result: T) => Promise<void>
) {
  if (trx) {
    const result = await work(trx)
    trx.after('commit', () => announce(result))
    return result
  }
  const result = await db.transaction(work)
  await announce(result)
  return result
}
