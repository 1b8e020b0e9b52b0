import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
 * Transaction-scoped PostgreSQL advisory locks that serialize settlements
 * which touch the same thing from different payment rows (each payment's
 * own row lock cannot see the others). Taken in this order, unlock before
 * reference, and released at commit or rollback.
 */

/** Namespaces of the two-key advisory locks (apart from the one-key reconciler lock). */
const UNLOCK_NAMESPACE = 7_041_301
const REF_ID_NAMESPACE = 7_041_302

/**
 * One settlement at a time may decide a client's unlock of a room: two
 * paid attempts settled at once queue here, and the second one sees the
 * first one's commit (complete, so it is a duplicate).
 */
export async function lockUnlockOf(
  trx: TransactionClientContract,
  clientId: number,
  roomId: number
) {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(?, hashtext(?))', [
    UNLOCK_NAMESPACE,
    `${clientId}:${roomId}`,
  ])
}

/** One settlement at a time may store a given eSewa reference. */
export async function lockRefId(trx: TransactionClientContract, refId: string) {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(?, hashtext(?))', [REF_ID_NAMESPACE, refId])
}
