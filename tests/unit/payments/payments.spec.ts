import { test } from '@japa/runner'
import {
  decodeCallbackData,
  signMessage,
  signRequest,
  verifyCallbackSignature,
} from '#payments/gateways/esewa_signature'
import { formatRupees, toPaisa } from '#payments/amount'
import {
  PaymentStatus,
  assertTransition,
  canTransition,
  IllegalPaymentTransition,
} from '#payments/enums/payment_status'

const UAT_KEY = '8gBm/:&EnhH.1/q'
const SIGNED_NAMES =
  'transaction_code,status,total_amount,transaction_uuid,product_code,signed_field_names'

/** The official response example (esewa.md §6 #3), with total_amount written as given. */
function vector3(
  totalAmountJson: string,
  signature = '62GcfZTmVkzhtUeh+QJ1AqiJrjoWWGof3U+eTPTZ7fA='
) {
  const json =
    `{"transaction_code":"000AWEO","status":"COMPLETE","total_amount":${totalAmountJson},` +
    `"transaction_uuid":"250610-162413","product_code":"EPAYTEST","signed_field_names":"${SIGNED_NAMES}","signature":"${signature}"}`
  return Buffer.from(json).toString('base64')
}

test.group('eSewa signatures / official vectors', () => {
  test('signs the official request example (#2)', ({ assert }) => {
    assert.equal(
      signRequest(UAT_KEY, {
        total_amount: '110',
        transaction_uuid: '241028',
        product_code: 'EPAYTEST',
      }),
      'i94zsd3oXF6ZsSr/kGqT4sSzYQzjj1W/waxjWyRwaME='
    )
  })

  test('verifies the official response (#3) with total_amount as a string', ({ assert }) => {
    const decoded = decodeCallbackData(vector3('"1000.0"'))!
    assert.equal(decoded.raw.total_amount, '1000.0')
    assert.isTrue(verifyCallbackSignature(UAT_KEY, decoded))
  })

  test('verifies #3 with total_amount as a JSON number, keeping its ".0"', ({ assert }) => {
    const decoded = decodeCallbackData(vector3('1000.0'))!
    assert.equal(decoded.raw.total_amount, '1000.0')
    assert.isTrue(verifyCallbackSignature(UAT_KEY, decoded))
  })

  test('verifies a callback whose "+" arrived as a space', ({ assert }) => {
    // ASCII JSON only yields "+" in base64 around "~" or ">"; an unsigned extra field brings one.
    const json = Buffer.from(vector3('"1000.0"'), 'base64')
      .toString()
      .replace('{', '{"note":"~~~>>>",')
    const data = Buffer.from(json).toString('base64')
    assert.include(data, '+')
    assert.isTrue(verifyCallbackSignature(UAT_KEY, decodeCallbackData(data.replaceAll('+', ' '))!))
  })

  test('rejects #3 with a changed amount, the wrong key, or a trimmed field list', ({ assert }) => {
    assert.isFalse(verifyCallbackSignature(UAT_KEY, decodeCallbackData(vector3('"10.0"'))!))
    assert.isFalse(verifyCallbackSignature(UAT_KEY, decodeCallbackData(vector3('1000'))!))
    assert.isFalse(verifyCallbackSignature(`${UAT_KEY}(`, decodeCallbackData(vector3('"1000.0"'))!))

    // Signed correctly, but over too few fields: refused before any HMAC.
    const fields = {
      total_amount: '1000.0',
      transaction_uuid: '250610-162413',
      product_code: 'EPAYTEST',
      signed_field_names: 'total_amount,transaction_uuid,product_code',
    }
    const signature = signMessage(
      UAT_KEY,
      'total_amount=1000.0,transaction_uuid=250610-162413,product_code=EPAYTEST'
    )
    const partial = Buffer.from(
      JSON.stringify({ ...fields, status: 'COMPLETE', signature })
    ).toString('base64')
    assert.isFalse(verifyCallbackSignature(UAT_KEY, decodeCallbackData(partial)!))
  })

  test('refuses data that is not base64 JSON of an object', ({ assert }) => {
    for (const data of [
      undefined,
      '',
      'not base64!',
      Buffer.from('[1,2]').toString('base64'),
      Buffer.from('{"a":').toString('base64'),
    ]) {
      assert.isNull(decodeCallbackData(data))
    }
  })
})

test.group('Amounts in paisa', () => {
  test('rupees as sent to eSewa', ({ assert }) => {
    assert.equal(formatRupees(3000), '30')
    assert.equal(formatRupees(3050), '30.50')
    assert.throws(() => formatRupees(0))
    assert.throws(() => formatRupees(12.5))
  })

  test('rupees as eSewa writes them back', ({ assert }) => {
    assert.equal(toPaisa('30'), 3000)
    assert.equal(toPaisa('30.0'), 3000)
    assert.equal(toPaisa('30.00'), 3000)
    assert.equal(toPaisa(30.5), 3050)
    assert.equal(toPaisa('1,000.0'), 100000)
    assert.equal(toPaisa('30.000'), 3000)
    assert.isNull(toPaisa('30.001'))
    assert.isNull(toPaisa('-30'))
    assert.isNull(toPaisa('30 rupees'))
    assert.isNull(toPaisa(null))
  })
})

test.group('Payment status transitions', () => {
  const all = Object.values(PaymentStatus)
  const allowed: [PaymentStatus, PaymentStatus][] = [
    [PaymentStatus.Pending, PaymentStatus.Complete],
    [PaymentStatus.Pending, PaymentStatus.Duplicate],
    [PaymentStatus.Pending, PaymentStatus.Failed],
    [PaymentStatus.Pending, PaymentStatus.Expired],
    [PaymentStatus.Failed, PaymentStatus.Complete],
    [PaymentStatus.Failed, PaymentStatus.Duplicate],
    [PaymentStatus.Expired, PaymentStatus.Complete],
    [PaymentStatus.Expired, PaymentStatus.Duplicate],
    [PaymentStatus.Complete, PaymentStatus.Refunded],
    [PaymentStatus.Complete, PaymentStatus.Canceled],
    [PaymentStatus.Duplicate, PaymentStatus.Complete],
    [PaymentStatus.Duplicate, PaymentStatus.Refunded],
    [PaymentStatus.Duplicate, PaymentStatus.Canceled],
  ]

  test('exactly the listed transitions are allowed', ({ assert }) => {
    for (const from of all) {
      for (const to of all) {
        const expected = allowed.some(([a, b]) => a === from && b === to)
        assert.equal(canTransition(from, to), expected, `${from} → ${to}`)
      }
    }
  })

  test('a success is never undone by a failure, and refunds are final', ({ assert }) => {
    assert.throws(
      () => assertTransition(PaymentStatus.Complete, PaymentStatus.Failed),
      IllegalPaymentTransition
    )
    assert.throws(
      () => assertTransition(PaymentStatus.Complete, PaymentStatus.Pending),
      IllegalPaymentTransition
    )
    assert.throws(
      () => assertTransition(PaymentStatus.Refunded, PaymentStatus.Complete),
      IllegalPaymentTransition
    )
  })
})
