import { setTimeout as sleep } from 'node:timers/promises'
import EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { toPaisa } from '#payments/amount'
import { switches } from '#dev/esewa_sandbox/switches'
import { sessionIsOpen } from '#dev/esewa_sandbox/transactions'
import type { EsewaStatus } from '#dev/esewa_sandbox/statuses'

/** A raw HTTP answer of the simulated eSewa servers: the body is written as is. */
export type SandboxAnswer = { status: number; contentType: string; body: string }

const JSON_TYPE = 'application/json'
/** transrec's content type, as eSewa sends it (not XML). */
export const TRANSREC_CONTENT_TYPE = 'text/html;charset=UTF-8'

/** eSewa's documented status API error, "server connection timeout". */
export const UNAVAILABLE_JSON = '{"code":0,"error_message":"Service is currently unavailable"}'

const DOWN_HTML =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
  '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
const FORBIDDEN_HTML =
  '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n' +
  '<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** transrec's body for a verified v1 payment (and, with "failure", for anything else). */
export function transrecXml(code: 'Success' | 'failure') {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<response><response_code>${code}</response_code></response>`
}

/**
 * An amount as eSewa's status API writes it: a JSON number with at least one
 * decimal (3000 paisa → 30.0, 3050 → 30.5, 3005 → 30.05).
 */
export function jsonAmount(paisa: number) {
  const rupees = Math.trunc(paisa / 100)
  const cents = paisa % 100
  if (cents === 0) return `${rupees}.0`
  return `${rupees}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/**
 * The status API (`GET /api/epay/transaction/status/`) for v2 transactions,
 * under the `statusApi` switch. The JSON is written by hand so total_amount
 * keeps its ".0": {"product_code":…,"transaction_uuid":…,"total_amount":30.0,"status":…,"ref_id":…}.
 * An INITIATED transaction with a live session is PENDING; an expired
 * session, an unknown uuid, another amount or product code is NOT_FOUND.
 */
export async function statusApiAnswer(query: Record<string, unknown>): Promise<SandboxAnswer> {
  return underSwitch(
    async () => {
      const productCode = text(query.product_code)
      const totalAmount = text(query.total_amount)
      const transactionUuid = text(query.transaction_uuid)
      if (!productCode || !totalAmount || !transactionUuid) {
        return errorJson(
          400,
          'Required request parameters product_code, total_amount and transaction_uuid are missing'
        )
      }
      const askedPaisa = toPaisa(totalAmount)
      if (askedPaisa === null) return errorJson(400, 'Invalid total_amount')

      const transaction = await EsewaSandboxTransaction.query()
        .where('version', 'v2')
        .where('productCode', productCode)
        .where('transactionUuid', transactionUuid)
        .first()
      const storedPaisa = transaction ? toPaisa(transaction.totalAmount) : null
      if (!transaction || storedPaisa !== askedPaisa) {
        return statusJson(productCode, transactionUuid, askedPaisa, 'NOT_FOUND', null)
      }

      const status = answeredStatus(transaction)
      const refId = status === 'PENDING' || status === 'NOT_FOUND' ? null : transaction.refId
      return statusJson(
        transaction.productCode,
        transaction.transactionUuid,
        storedPaisa,
        status,
        refId
      )
    },
    (body) => ({ status: 200, contentType: JSON_TYPE, body: truncateStatusJson(body) })
  )
}

/**
 * v1 verification (`/epay/transrec` with amt, rid, pid, scd): "Success" only
 * for a COMPLETE v1 transaction of that merchant and pid, with that ref_id and
 * the same amount in paisa as the tAmt posted; "failure" otherwise.
 */
export async function transrecAnswer(params: Record<string, unknown>): Promise<SandboxAnswer> {
  return underSwitch(
    async () => {
      const amt = text(params.amt)
      const rid = text(params.rid)
      const pid = text(params.pid)
      const scd = text(params.scd)
      let verified = false
      if (amt && rid && pid && scd) {
        const transaction = await EsewaSandboxTransaction.query()
          .where('version', 'v1')
          .where('productCode', scd)
          .where('transactionUuid', pid)
          .first()
        const paisa = toPaisa(amt)
        verified =
          !!transaction &&
          transaction.status === 'COMPLETE' &&
          transaction.refId === rid &&
          paisa !== null &&
          paisa === toPaisa(transaction.totalAmount)
      }
      return {
        status: 200,
        contentType: TRANSREC_CONTENT_TYPE,
        body: transrecXml(verified ? 'Success' : 'failure'),
      }
    },
    (body) => ({
      status: 200,
      contentType: TRANSREC_CONTENT_TYPE,
      body: body.slice(0, body.indexOf('<response_code>') + '<response_co'.length),
    })
  )
}

/**
 * What the status API says about a stored v2 transaction.
 */
export function answeredStatus(transaction: EsewaSandboxTransaction): EsewaStatus {
  if (transaction.status === 'INITIATED')
    return sessionIsOpen(transaction) ? 'PENDING' : 'NOT_FOUND'
  return transaction.status
}

/**
 * Applies the `statusApi` switch around a normal answer: fails the way eSewa
 * or a proxy in front of it has failed, waits first, or truncates the body.
 */
async function underSwitch(
  answer: () => Promise<SandboxAnswer>,
  truncate: (body: string) => SandboxAnswer
): Promise<SandboxAnswer> {
  const { statusApi, slowMs } = switches.get()
  switch (statusApi) {
    case 'unavailable':
      return { status: 200, contentType: JSON_TYPE, body: UNAVAILABLE_JSON }
    case 'down':
      return { status: 503, contentType: 'text/html', body: DOWN_HTML }
    case 'forbidden':
      return { status: 403, contentType: 'text/html', body: FORBIDDEN_HTML }
    case 'slow':
      await sleep(slowMs)
      return answer()
    case 'malformed': {
      const whole = await answer()
      return truncate(whole.body)
    }
    default:
      return answer()
  }
}

/** The answer cut in the middle of its status, e.g. {"product_code":"EPAYTEST",…,"status":"COMPL */
function truncateStatusJson(body: string) {
  const at = body.indexOf('"status":"')
  return at === -1
    ? body.slice(0, Math.ceil(body.length / 2))
    : body.slice(0, at + '"status":"'.length + 5)
}

function statusJson(
  productCode: string,
  transactionUuid: string,
  paisa: number,
  status: EsewaStatus,
  refId: string | null
): SandboxAnswer {
  const body =
    `{"product_code":${JSON.stringify(productCode)},"transaction_uuid":${JSON.stringify(transactionUuid)},` +
    `"total_amount":${jsonAmount(paisa)},"status":"${status}","ref_id":${refId === null ? 'null' : JSON.stringify(refId)}}`
  return { status: 200, contentType: JSON_TYPE, body }
}

function errorJson(status: number, message: string): SandboxAnswer {
  return {
    status,
    contentType: JSON_TYPE,
    body: `{"code":0,"error_message":${JSON.stringify(message)}}`,
  }
}

function text(value: unknown) {
  return typeof value === 'string' ? value : ''
}
