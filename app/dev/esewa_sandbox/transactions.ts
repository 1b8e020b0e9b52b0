import { randomBytes, randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { switches } from '#dev/esewa_sandbox/switches'
import {
  isEsewaStatus,
  STATUSES_WITH_REF_ID,
  type EsewaStatus,
  type SandboxEpayVersion,
} from '#dev/esewa_sandbox/statuses'

/** Narrows a lookup by uuid when a v1 pid and a v2 uuid (or two merchants) share it. */
export type TransactionLookup = { productCode?: string; version?: SandboxEpayVersion }

/**
 * Thrown by complete() and setStatus() for a uuid the sandbox never saw.
 */
export class SandboxTransactionNotFoundError extends Error {
  constructor(uuid: string) {
    super(`The eSewa sandbox has no transaction "${uuid}"`)
    this.name = 'SandboxTransactionNotFoundError'
  }
}

const REF_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/**
 * An eSewa-like reference: 7 uppercase letters or digits, "000" then 4
 * random ones (e.g. 000AWEO).
 */
export function newRefId() {
  let suffix = ''
  for (let i = 0; i < 4; i++) suffix += REF_ID_ALPHABET[randomInt(REF_ID_ALPHABET.length)]
  return `000${suffix}`
}

/** A reference no sandbox transaction has yet. */
export async function uniqueRefId(client?: TransactionClientContract) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const refId = newRefId()
    const used = await EsewaSandboxTransaction.query({ client }).where('refId', refId).first()
    if (!used) return refId
  }
  throw new Error('The eSewa sandbox ran out of reference ids; clear its table')
}

/** The random, unguessable token in a checkout page's URL. */
export function newSessionToken() {
  return randomBytes(24).toString('base64url')
}

/**
 * Whether a transaction still waits for the payer on the checkout page:
 * INITIATED, before its expiry, and not expired by the `expireSessions` switch.
 */
export function sessionIsOpen(transaction: EsewaSandboxTransaction, now = DateTime.now()) {
  return (
    transaction.status === 'INITIATED' &&
    !switches.get().expireSessions &&
    transaction.sessionExpiresAt.toMillis() > now.toMillis()
  )
}

/**
 * The sandbox transaction with this v2 transaction_uuid or v1 pid (the most
 * recently changed one when several merchants or versions share it), or null.
 */
export async function findTransaction(uuid: string, lookup: TransactionLookup = {}) {
  return lookupQuery(uuid, lookup).first()
}

/** Locks the transaction of a checkout session's token, or null when none has it. */
export function lockByToken(token: string, trx: TransactionClientContract) {
  return EsewaSandboxTransaction.query({ client: trx })
    .where('sessionToken', token)
    .forUpdate()
    .first()
}

/**
 * The most recently changed sandbox transactions, for the control page.
 */
export async function recentTransactions(limit = 50) {
  return EsewaSandboxTransaction.query()
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
}

/**
 * Sets a transaction's status as eSewa's back office would (a refund, a
 * reversal, a halted payment). COMPLETE, AMBIGUOUS, CANCELED and the refunds
 * keep the stored ref_id or get a new one; PENDING and NOT_FOUND drop it.
 * `refId` forces a reference (null removes it).
 */
export async function setStatus(
  uuid: string,
  status: EsewaStatus,
  refId?: string | null,
  lookup: TransactionLookup = {}
) {
  if (!isEsewaStatus(status)) throw new TypeError(`Not an eSewa status: ${String(status)}`)
  return db.transaction(async (trx) => {
    const transaction = await lookupQuery(uuid, lookup, trx).forUpdate().first()
    if (!transaction) throw new SandboxTransactionNotFoundError(uuid)
    if (refId !== undefined) {
      transaction.refId = refId
    } else if (STATUSES_WITH_REF_ID.includes(status)) {
      transaction.refId ??= await uniqueRefId(trx)
    } else {
      transaction.refId = null
    }
    transaction.status = status
    await transaction.useTransaction(trx).save()
    return transaction
  })
}

/**
 * Completes a transaction later, as eSewa does for a PENDING payment that
 * goes through: status COMPLETE with a ref_id. Completing twice changes nothing.
 */
export async function complete(uuid: string, lookup: TransactionLookup = {}) {
  return setStatus(uuid, 'COMPLETE', undefined, lookup)
}

function lookupQuery(uuid: string, lookup: TransactionLookup, client?: TransactionClientContract) {
  const query = EsewaSandboxTransaction.query({ client }).where('transactionUuid', uuid)
  if (lookup.productCode) query.where('productCode', lookup.productCode)
  if (lookup.version) query.where('version', lookup.version)
  return query.orderBy('updatedAt', 'desc').orderBy('id', 'desc')
}
