import axios from 'axios'
import type Payment from '#models/payment'
import type { EsewaConfig } from '#config/esewa'
import { toPaisa } from '#payments/amount'
import { refIdProblem } from '#payments/esewa_ref_id'
import {
  MAX_LOGGED_BODY,
  describeAxiosError,
  type CheckoutForm,
  type PaymentGateway,
  type RedirectReading,
  type StatusCheck,
} from '#payments/gateways/payment_gateway'

/**
 * eSewa ePay v1 (legacy merchants): an unsigned form, an `oid/amt/refId`
 * redirect anyone can forge, and `/epay/transrec` asked with the amount we
 * stored, never the one in the redirect.
 */
export class EsewaV1Gateway implements PaymentGateway {
  readonly name = 'esewa_v1' as const

  constructor(private config: EsewaConfig) {}

  checkoutForm(payment: Payment): CheckoutForm {
    return {
      action: this.config.urls.v1Form,
      fields: {
        amt: payment.amountSent,
        txAmt: '0',
        psc: '0',
        pdc: '0',
        tAmt: payment.amountSent,
        scd: payment.productCode,
        pid: payment.transactionId,
        su: `${this.config.successUrl}${payment.transactionId}`,
        fu: `${this.config.failureUrl}${payment.transactionId}`,
      },
    }
  }

  readSuccessRedirect(query: Record<string, unknown>): RedirectReading {
    const oid = typeof query.oid === 'string' ? query.oid : ''
    const refId = typeof query.refId === 'string' ? query.refId : ''
    if (!oid || !refId) return { ok: false, reason: 'oid or refId is missing' }
    const problem = refIdProblem(refId)
    if (problem) return { ok: false, reason: `refId is not an eSewa reference (${problem})` }
    return {
      ok: true,
      signed: false,
      claim: {
        transactionId: oid,
        refId,
        amountPaisa: toPaisa(typeof query.amt === 'string' ? query.amt : null),
        productCode: null,
        status: null,
      },
    }
  }

  async checkStatus(payment: Payment, hints: { refId?: string | null } = {}): Promise<StatusCheck> {
    const refId = hints.refId ?? payment.esewaRefId
    const form = {
      amt: payment.amountSent,
      rid: refId ?? '',
      pid: payment.transactionId,
      scd: payment.productCode,
    }
    const request = { method: 'POST', url: this.config.urls.v1Verify, form }
    if (!refId) {
      return { request, response: {}, status: { outcome: 'not_found' } }
    }
    try {
      const response = await axios.post<string>(
        this.config.urls.v1Verify,
        new URLSearchParams(form).toString(),
        {
          timeout: this.config.timeoutMs,
          responseType: 'text',
          transformResponse: (body) => body,
          validateStatus: () => true,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }
      )
      const body = String(response.data ?? '')
      const logged = { httpStatus: response.status, body: body.slice(0, MAX_LOGGED_BODY) }
      if (response.status !== 200) {
        return {
          request,
          response: logged,
          status: { outcome: 'error', reason: `HTTP ${response.status}` },
        }
      }
      const code = /<response_code>\s*([^<]*?)\s*<\/response_code>/i.exec(body)?.[1]
      if (code === undefined) {
        return {
          request,
          response: logged,
          status: { outcome: 'error', reason: 'no response_code in answer' },
        }
      }
      // transrec says only Success or failure; the amount asked was ours.
      return {
        request,
        response: logged,
        status:
          code.toLowerCase() === 'success'
            ? { outcome: 'complete', refId, amountPaisa: toPaisa(payment.amountSent) }
            : { outcome: 'not_found' },
      }
    } catch (error) {
      const reason = describeAxiosError(error)
      return { request, response: { error: reason }, status: { outcome: 'error', reason } }
    }
  }
}
