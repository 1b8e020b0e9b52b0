import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { UAT_PRODUCT_CODE, UAT_SECRET_KEY } from '#config/esewa'
import {
  decodeCallbackData,
  encodeCallbackData,
  esewaEchoAmount,
  signRequest,
  verifyCallbackSignature,
} from '#payments/gateways/esewa_signature'
import EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { findMerchant } from '#dev/esewa_sandbox/merchants'
import { DEFAULT_SWITCHES, switches } from '#dev/esewa_sandbox/switches'
import { newRefId } from '#dev/esewa_sandbox/transactions'
import { jsonAmount, transrecXml } from '#dev/esewa_sandbox/answers'
import { checkCredentials, displayAmount, successRedirectUrl } from '#dev/esewa_sandbox/checkout'

/** esewa.md §6, vector #3, corrected base64 of the official decoded example. */
const OFFICIAL_CALLBACK_BASE64 =
  'eyJ0cmFuc2FjdGlvbl9jb2RlIjoiMDAwQVdFTyIsInN0YXR1cyI6IkNPTVBMRVRFIiwidG90YWxfYW1vdW50IjoiMTAwMC4wIiwidHJhbnNhY3Rpb25fdXVpZCI6IjI1MDYxMC0xNjI0MTMiLCJwcm9kdWN0X2NvZGUiOiJFUEFZVEVTVCIsInNpZ25lZF9maWVsZF9uYW1lcyI6InRyYW5zYWN0aW9uX2NvZGUsc3RhdHVzLHRvdGFsX2Ftb3VudCx0cmFuc2FjdGlvbl91dWlkLHByb2R1Y3RfY29kZSxzaWduZWRfZmllbGRfbmFtZXMiLCJzaWduYXR1cmUiOiI2MkdjZlpUbVZremh0VWVoK1FKMUFxaUpyam9XV0dvZjNVK2VUUFRaN2ZBPSJ9'

function sandboxTransaction(fields: Partial<EsewaSandboxTransaction>) {
  const transaction = new EsewaSandboxTransaction()
  transaction.merge({
    version: 'v2',
    productCode: UAT_PRODUCT_CODE,
    transactionUuid: '250610-162413',
    amount: '30',
    taxAmount: '0',
    productServiceCharge: '0',
    productDeliveryCharge: '0',
    totalAmount: '30',
    successUrl: 'https://kotha.test/esewa-success/250610-162413',
    failureUrl: 'https://kotha.test/esewa-failure/250610-162413',
    status: 'COMPLETE',
    refId: '000AWEO',
    sessionToken: 'token',
    sessionExpiresAt: DateTime.now().plus({ minutes: 5 }),
    ...fields,
  })
  return transaction
}

test.group('eSewa sandbox / official vectors through the sandbox merchant', () => {
  test('the sandbox knows EPAYTEST with the published UAT secret, and no other code by accident', ({
    assert,
  }) => {
    assert.deepEqual(findMerchant('EPAYTEST'), {
      productCode: 'EPAYTEST',
      secretKey: '8gBm/:&EnhH.1/q',
    })
    assert.isNull(findMerchant('epaytest'))
    assert.isNull(findMerchant('NP-ES-SOMEONE'))
    assert.isNull(findMerchant(''))
  })

  test('vector #2: the official v2 form example signs to i94zsd3o…', ({ assert }) => {
    const merchant = findMerchant('EPAYTEST')!
    const signature = signRequest(merchant.secretKey, {
      total_amount: '110',
      transaction_uuid: '241028',
      product_code: 'EPAYTEST',
    })
    assert.equal(signature, 'i94zsd3oXF6ZsSr/kGqT4sSzYQzjj1W/waxjWyRwaME=')
    // "110.0" is another string, hence another signature (ES104 on eSewa).
    assert.notEqual(
      signRequest(merchant.secretKey, {
        total_amount: '110.0',
        transaction_uuid: '241028',
        product_code: 'EPAYTEST',
      }),
      signature
    )
  })

  test('vector #3: the callback the sandbox builds is byte for byte the official one (62GcfZTm…)', ({
    assert,
  }) => {
    const data = encodeCallbackData(UAT_SECRET_KEY, {
      transaction_code: '000AWEO',
      status: 'COMPLETE',
      total_amount: esewaEchoAmount('1000'),
      transaction_uuid: '250610-162413',
      product_code: 'EPAYTEST',
    })
    assert.equal(data, OFFICIAL_CALLBACK_BASE64)
    const decoded = JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
    assert.equal(decoded.signature, '62GcfZTmVkzhtUeh+QJ1AqiJrjoWWGof3U+eTPTZ7fA=')
    assert.equal(decoded.total_amount, '1000.0')
    assert.isTrue(verifyCallbackSignature(UAT_SECRET_KEY, decodeCallbackData(data)!))
    assert.isFalse(verifyCallbackSignature('8gBm/:&EnhH.1/q(', decodeCallbackData(data)!))
  })

  test('the v2 success redirect appends ?data= (never &) and leaves the base64 as is', ({
    assert,
  }) => {
    const url = successRedirectUrl(
      sandboxTransaction({
        totalAmount: '1000',
        amount: '1000',
        successUrl: 'https://kotha.test/esewa-success/250610-162413?q=su',
      })
    )
    assert.equal(
      url,
      `https://kotha.test/esewa-success/250610-162413?q=su?data=${OFFICIAL_CALLBACK_BASE64}`
    )
    assert.notInclude(url, '%')
  })

  test('the v1 success redirect adds oid, amt (tAmt as posted) and refId', ({ assert }) => {
    const base = {
      version: 'v1' as const,
      transactionUuid: 'order-7',
      totalAmount: '30.50',
      refId: '0001TS9',
    }
    assert.equal(
      successRedirectUrl(sandboxTransaction({ ...base, successUrl: 'https://shop.test/ok' })),
      'https://shop.test/ok?oid=order-7&amt=30.50&refId=0001TS9'
    )
    assert.equal(
      successRedirectUrl(sandboxTransaction({ ...base, successUrl: 'https://shop.test/ok?q=su' })),
      'https://shop.test/ok?q=su&oid=order-7&amt=30.50&refId=0001TS9'
    )
  })
})

test.group('eSewa sandbox / formats', () => {
  test('amounts come back the way eSewa writes them', ({ assert }) => {
    assert.equal(esewaEchoAmount('30'), '30.0')
    assert.equal(esewaEchoAmount('30.5'), '30.5')
    assert.equal(esewaEchoAmount('30.50'), '30.5')
    assert.equal(esewaEchoAmount('30.00'), '30.0')
    assert.equal(esewaEchoAmount('1000'), '1000.0')
  })

  test('the status API writes total_amount as a number with at least one decimal', ({ assert }) => {
    assert.equal(jsonAmount(3000), '30.0')
    assert.equal(jsonAmount(3050), '30.5')
    assert.equal(jsonAmount(3005), '30.05')
    assert.equal(jsonAmount(100000), '1000.0')
  })

  test('ref_id looks like eSewa\'s: 7 uppercase letters or digits, "000" first', ({ assert }) => {
    const refIds = Array.from({ length: 300 }, () => newRefId())
    for (const refId of refIds) assert.match(refId, /^000[A-Z0-9]{4}$/)
    assert.isAbove(new Set(refIds).size, 290)
  })

  test("transrec answers with eSewa's XML, Success capitalised and failure not", ({ assert }) => {
    assert.equal(
      transrecXml('Success'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<response><response_code>Success</response_code></response>'
    )
    assert.equal(
      transrecXml('failure'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<response><response_code>failure</response_code></response>'
    )
  })

  test('the checkout shows amounts as the app does', ({ assert }) => {
    assert.equal(displayAmount('30'), 'Rs. 30')
    assert.equal(displayAmount('30.0'), 'Rs. 30')
    assert.equal(displayAmount('1250.5'), 'Rs. 1,250.50')
    assert.equal(displayAmount('120000'), 'Rs. 1,20,000')
  })

  test('only the published test accounts log in', ({ assert }) => {
    assert.deepEqual(checkCredentials('9806800001', 'Nepal@123', '123456'), {})
    assert.deepEqual(checkCredentials('9806800005', 'Nepal@123', '123456'), {})
    assert.deepEqual(Object.keys(checkCredentials('9806800006', 'Nepal@123', '123456')), [
      'esewaId',
    ])
    assert.deepEqual(Object.keys(checkCredentials('9806800001', 'nepal@123', '123456')), [
      'password',
    ])
    assert.deepEqual(Object.keys(checkCredentials('9806800001', 'Nepal@123', '654321')), ['token'])
    assert.deepEqual(Object.keys(checkCredentials('', undefined, undefined)), [
      'esewaId',
      'password',
      'token',
    ])
  })
})

test.group('eSewa sandbox / switches', (group) => {
  group.each.teardown(() => {
    switches.reset()
  })

  test('switches start at pay / ok / 300 s and reset back', ({ assert }) => {
    assert.deepEqual(switches.get(), {
      outcome: 'pay',
      statusApi: 'ok',
      slowMs: 15000,
      sessionTtlSeconds: 300,
      expireSessions: false,
    })
    switches.set({ outcome: 'pending', statusApi: 'slow', slowMs: 20, expireSessions: true })
    assert.include(switches.get(), {
      outcome: 'pending',
      statusApi: 'slow',
      slowMs: 20,
      expireSessions: true,
    })
    assert.deepEqual(switches.reset(), { ...DEFAULT_SWITCHES })
  })

  test('get() is a copy; bad switches are refused and change nothing', ({ assert }) => {
    const copy = switches.get()
    copy.outcome = 'decline'
    assert.equal(switches.get().outcome, 'pay')
    assert.throws(() => switches.set({ outcome: 'refund' as never }), /outcome must be one of/)
    assert.throws(() => switches.set({ statusApi: 'broken' as never }), /statusApi must be one of/)
    assert.throws(() => switches.set({ sessionTtlSeconds: -1 }), /sessionTtlSeconds/)
    assert.throws(() => switches.set({ speed: 1 } as never), /unknown switch/)
    assert.deepEqual(switches.get(), { ...DEFAULT_SWITCHES })
  })
})
