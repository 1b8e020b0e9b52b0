import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * eSewa ePay settings. Moving from the local sandbox to eSewa UAT or to
 * production changes `.env` only: ESEWA_MODE picks the hosts, and the
 * ESEWA_*_URL variables override any of them.
 */
export type EsewaMode = 'sandbox' | 'uat' | 'production'
export type EsewaGatewayVersion = 'v2' | 'v1'

/** eSewa's published UAT merchant (developer.esewa.com.np, test credentials). */
export const UAT_PRODUCT_CODE = 'EPAYTEST'
export const UAT_SECRET_KEY = '8gBm/:&EnhH.1/q'

/** Path prefix of the local eSewa simulator served by this app. */
export const SANDBOX_PREFIX = '/esewa-sandbox'

const mode = env.get('ESEWA_MODE', app.inProduction ? 'production' : 'sandbox') as EsewaMode
const appUrl = env.get('APP_URL').replace(/\/+$/, '')

const hosts: Record<EsewaMode, { form: string; status: string; v1Form: string; v1Verify: string }> =
  {
    sandbox: {
      form: `${appUrl}${SANDBOX_PREFIX}/api/epay/main/v2/form`,
      status: `${appUrl}${SANDBOX_PREFIX}/api/epay/transaction/status/`,
      v1Form: `${appUrl}${SANDBOX_PREFIX}/epay/main`,
      v1Verify: `${appUrl}${SANDBOX_PREFIX}/epay/transrec`,
    },
    uat: {
      form: 'https://rc-epay.esewa.com.np/api/epay/main/v2/form',
      status: 'https://rc.esewa.com.np/api/epay/transaction/status/',
      v1Form: 'https://uat.esewa.com.np/epay/main',
      v1Verify: 'https://uat.esewa.com.np/epay/transrec',
    },
    production: {
      form: 'https://epay.esewa.com.np/api/epay/main/v2/form',
      status: 'https://epay.esewa.com.np/api/epay/transaction/status/',
      v1Form: 'https://esewa.com.np/epay/main',
      v1Verify: 'https://esewa.com.np/epay/transrec',
    },
  }

const urls = {
  form: env.get('ESEWA_FORM_URL', hosts[mode].form),
  status: env.get('ESEWA_STATUS_URL', hosts[mode].status),
  v1Form: env.get('ESEWA_V1_FORM_URL', hosts[mode].v1Form),
  v1Verify: env.get('ESEWA_V1_VERIFY_URL', hosts[mode].v1Verify),
}

const usesSandbox =
  mode === 'sandbox' || Object.values(urls).some((url) => url.includes(`${SANDBOX_PREFIX}/`))

/**
 * The simulator accepts any payment with published test credentials: it must
 * never serve a production app.
 */
if (app.inProduction && usesSandbox) {
  throw new Error(
    'Refusing to start: the local eSewa sandbox is selected with NODE_ENV=production. ' +
      'Set ESEWA_MODE=production (or uat) and eSewa URLs that are not the sandbox.'
  )
}

const productCode = env.get('ESEWA_PRODUCT_CODE', mode === 'production' ? '' : UAT_PRODUCT_CODE)
const secretKey = env.get('ESEWA_SECRET_KEY', mode === 'production' ? '' : UAT_SECRET_KEY)
if (mode === 'production' && (!productCode || !secretKey || productCode === UAT_PRODUCT_CODE)) {
  throw new Error(
    'Refusing to start: ESEWA_MODE=production needs your own ESEWA_PRODUCT_CODE and ESEWA_SECRET_KEY.'
  )
}

const esewaConfig = {
  mode,
  gateway: env.get('ESEWA_GATEWAY', 'v2') as EsewaGatewayVersion,
  sandboxEnabled: usesSandbox,
  productCode,
  secretKey,
  urls,
  /** Timeout of every server-to-server call to eSewa. */
  timeoutMs: env.get('ESEWA_TIMEOUT_MS', 10_000),
  /** Where eSewa sends the payer back; the transaction id is appended as a path segment. */
  successUrl: `${appUrl}/esewa-success/`,
  failureUrl: `${appUrl}/esewa-failure/`,
}

export type EsewaConfig = typeof esewaConfig
export default esewaConfig
