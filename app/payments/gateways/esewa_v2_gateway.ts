import axios from 'axios'
import type Payment from '#models/payment'
import type { EsewaConfig } from '#config/esewa'
import { toPaisa } from '#payments/amount'
import {
  decodeCallbackData,
  signRequest,
  verifyCallbackSignature,
} from '#payments/gateways/esewa_signature'
import {
  MAX_LOGGED_BODY,
  describeAxiosError,
  type CheckoutForm,
  type GatewayStatus,
  type PaymentGateway,
  type RedirectReading,
  type StatusCheck,
} from '#payments/gateways/payment_gateway'

/**
 * eSewa ePay v2: a signed form, a signed base64 `data` on success, and the
 * transaction status API as the only source of truth.
 */
export class EsewaV2Gateway implements PaymentGateway {
  readonly name = 'esewa_v2' as const

  constructor(private config: EsewaConfig) {}

  checkoutForm(payment: Payment): CheckoutForm {
    const fields = {
      amount: payment.amountSent,
      tax_amount: '0',
      total_amount: payment.amountSent,
      transaction_uuid: payment.transactionId,
      product_code: payment.productCode,
      product_service_charge: '0',
      product_delivery_charge: '0',
      // The attempt id goes in the path: eSewa appends "?data=" blindly.
      success_url: `${this.config.successUrl}${payment.transactionId}`,
      failure_url: `${this.config.failureUrl}${payment.transactionId}`,
      signed_field_names: 'total_amount,transaction_uuid,product_code',
      signature: '',
    }
    fields.signature = signRequest(this.config.secretKey, fields)
    return { action: this.config.urls.form, fields }
  }

  readSuccessRedirect(query: Record<string, unknown>): RedirectReading {
    const decoded = decodeCallbackData(query.data)
    if (!decoded) return { ok: false, reason: 'data is missing or is not base64 JSON' }
    if (!verifyCallbackSignature(this.config.secretKey, decoded)) {
      return { ok: false, reason: 'signature does not match' }
    }
    const raw = decoded.raw
    return {
      ok: true,
      signed: true,
      claim: {
        transactionId: raw.transaction_uuid ?? '',
        refId: raw.transaction_code ?? null,
        amountPaisa: toPaisa(raw.total_amount),
        productCode: raw.product_code ?? null,
        status: raw.status ?? null,
      },
    }
  }

  async checkStatus(payment: Payment): Promise<StatusCheck> {
    const params = {
      product_code: payment.productCode,
      total_amount: payment.amountSent,
      transaction_uuid: payment.transactionId,
    }
    const request = { method: 'GET', url: this.config.urls.status, params }
    try {
      const response = await axios.get<string>(this.config.urls.status, {
        params,
        timeout: this.config.timeoutMs,
        responseType: 'text',
        transformResponse: (body) => body,
        validateStatus: () => true,
        headers: { Accept: 'application/json' },
      })
      const body = String(response.data ?? '')
      return {
        request,
        response: { httpStatus: response.status, body: body.slice(0, MAX_LOGGED_BODY) },
        status: this.#interpret(payment, response.status, body),
      }
    } catch (error) {
      const reason = describeAxiosError(error)
      return { request, response: { error: reason }, status: { outcome: 'error', reason } }
    }
  }

  /**
   * Anything but a well-formed answer about this very transaction is an
   * error: the payment stays pending and is asked again later.
   */
  #interpret(payment: Payment, httpStatus: number, body: string): GatewayStatus {
    if (httpStatus !== 200) return { outcome: 'error', reason: `HTTP ${httpStatus}` }
    let answer: Record<string, unknown>
    try {
      answer = JSON.parse(body)
    } catch {
      return { outcome: 'error', reason: 'answer is not JSON' }
    }
    if (!answer || typeof answer !== 'object' || typeof answer.status !== 'string') {
      const message =
        typeof answer?.error_message === 'string' ? answer.error_message : 'no status in answer'
      return { outcome: 'error', reason: `eSewa: ${message}` }
    }
    if (
      answer.transaction_uuid !== payment.transactionId ||
      answer.product_code !== payment.productCode
    ) {
      return { outcome: 'error', reason: 'answer is about another transaction' }
    }
    const refId = typeof answer.ref_id === 'string' && answer.ref_id ? answer.ref_id : null
    switch (answer.status) {
      case 'COMPLETE':
        if (!refId) return { outcome: 'error', reason: 'COMPLETE without ref_id' }
        return {
          outcome: 'complete',
          refId,
          amountPaisa: toPaisa(answer.total_amount as string | number),
        }
      case 'PENDING':
        return { outcome: 'pending' }
      case 'NOT_FOUND':
        return { outcome: 'not_found' }
      case 'AMBIGUOUS':
        return { outcome: 'ambiguous', refId }
      case 'CANCELED':
        return { outcome: 'canceled', refId }
      case 'FULL_REFUND':
        return { outcome: 'full_refund', refId }
      case 'PARTIAL_REFUND':
        return { outcome: 'partial_refund', refId }
      default:
        return { outcome: 'unknown', status: String(answer.status).slice(0, 40) }
    }
  }
}
