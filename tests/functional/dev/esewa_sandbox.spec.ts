import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import env from '#start/env'
import { UAT_SECRET_KEY } from '#config/esewa'
import {
  decodeCallbackData,
  signRequest,
  verifyCallbackSignature,
} from '#payments/gateways/esewa_signature'
import { complete, findTransaction, setStatus, switches } from '#dev/esewa_sandbox/sandbox'

const SUCCESS_URL = 'https://kotha.test/esewa-success/'
const FAILURE_URL = 'https://kotha.test/esewa-failure/'
const PAYER = { esewaId: '9806800001', password: 'Nepal@123', token: '123456' }
const MERCHANT_KEY_ERROR =
  '{"error_message":"Unable to fetch merchant key. Please try again later.","code":0}'

/** A v2 form as the app would post it: Rs. 30, signed with the UAT key unless a signature is given. */
function v2Form(overrides: Record<string, string> = {}) {
  const uuid = overrides.transaction_uuid ?? randomUUID()
  const fields: Record<string, string> = {
    amount: '30',
    tax_amount: '0',
    total_amount: '30',
    transaction_uuid: uuid,
    product_code: 'EPAYTEST',
    product_service_charge: '0',
    product_delivery_charge: '0',
    success_url: SUCCESS_URL + uuid,
    failure_url: FAILURE_URL + uuid,
    signed_field_names: 'total_amount,transaction_uuid,product_code',
    ...overrides,
  }
  fields.signature ??= signRequest(UAT_SECRET_KEY, {
    total_amount: fields.total_amount,
    transaction_uuid: fields.transaction_uuid,
    product_code: fields.product_code,
  })
  return fields
}

/** A v1 form (unsigned). */
function v1Form(overrides: Record<string, string> = {}) {
  const pid = overrides.pid ?? randomUUID()
  return {
    amt: '30',
    txAmt: '0',
    psc: '0',
    pdc: '0',
    tAmt: '30',
    scd: 'EPAYTEST',
    pid,
    su: `https://kotha.test/esewa-v1-success/${pid}`,
    fu: `https://kotha.test/esewa-v1-failure/${pid}`,
    ...overrides,
  }
}

/** Posts a form and returns the checkout page's path. */
async function startCheckout(
  client: ApiClient,
  route: 'esewa_sandbox.v2.form' | 'esewa_sandbox.v1.form',
  fields: Record<string, string>
) {
  const response = await client.post(urlFor(route)).form(fields).redirects(0)
  response.assertStatus(302)
  const location = response.header('location')
  if (!location?.startsWith('/esewa-sandbox/checkout/'))
    throw new Error(`Unexpected location ${location}`)
  return location
}

/** Logs in on the checkout page and returns the redirect. */
function pay(client: ApiClient, checkout: string, credentials: Record<string, string> = PAYER) {
  return client
    .post(checkout)
    .form({ action: 'pay', ...credentials })
    .redirects(0)
}

function statusQuery(client: ApiClient, query: Record<string, string>) {
  return client.get('/esewa-sandbox/api/epay/transaction/status/').qs(query)
}

function statusJson(uuid: string, totalAmount: string, status: string, refId: string | null) {
  return (
    `{"product_code":"EPAYTEST","transaction_uuid":"${uuid}","total_amount":${totalAmount},` +
    `"status":"${status}","ref_id":${refId === null ? 'null' : `"${refId}"`}}`
  )
}

function transrecBody(code: 'Success' | 'failure') {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<response><response_code>${code}</response_code></response>`
}

function decodedData(response: ApiResponse) {
  const location = response.header('location') as string
  const data = location.split('?data=')[1]
  return { location, data, json: JSON.parse(Buffer.from(data, 'base64').toString('utf8')) }
}

/** Where the test HTTP server listens. */
function serverUrl() {
  return `http://${env.get('HOST')}:${env.get('PORT')}`
}

function sandboxGroup(group: Parameters<Parameters<typeof test.group>[1]>[0]) {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => {
    switches.reset()
  })
}

test.group('eSewa sandbox / ePay v2 form and checkout', (group) => {
  sandboxGroup(group)

  test('a signed form, the checkout page, then paying redirects to success_url?data= with a signed callback', async ({
    client,
    assert,
  }) => {
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)

    const page = await client.get(checkout)
    page.assertStatus(200)
    page.assertTextIncludes('Kotha local eSewa sandbox — no real money')
    page.assertTextIncludes('Rs. 30')
    page.assertTextIncludes('EPAYTEST')
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'INITIATED')

    const response = await pay(client, checkout)
    response.assertStatus(302)
    const { location, data, json } = decodedData(response)
    assert.isTrue(location.startsWith(`${form.success_url}?data=`))
    assert.notInclude(data, '%')
    assert.equal(json.total_amount, '30.0')
    assert.equal(json.status, 'COMPLETE')
    assert.equal(json.transaction_uuid, form.transaction_uuid)
    assert.equal(json.product_code, 'EPAYTEST')
    assert.match(json.transaction_code, /^000[A-Z0-9]{4}$/)
    assert.equal(
      json.signed_field_names,
      'transaction_code,status,total_amount,transaction_uuid,product_code,signed_field_names'
    )
    assert.isTrue(verifyCallbackSignature(UAT_SECRET_KEY, decodeCallbackData(data)!))
    assert.isFalse(verifyCallbackSignature('another-secret', decodeCallbackData(data)!))

    const stored = (await findTransaction(form.transaction_uuid))!
    assert.equal(stored.status, 'COMPLETE')
    assert.equal(stored.refId, json.transaction_code)
    assert.equal(stored.payerEsewaId, '9806800001')
    assert.equal(stored.totalAmount, '30')
  })

  test('the posted strings are kept as posted: "30.50" is echoed as "30.5"', async ({
    client,
    assert,
  }) => {
    const form = v2Form({ amount: '25.50', tax_amount: '5', total_amount: '30.50' })
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    ;(await client.get(checkout)).assertTextIncludes('Rs. 30.50')
    const { json } = decodedData(await pay(client, checkout))
    assert.equal(json.total_amount, '30.5')
    assert.equal((await findTransaction(form.transaction_uuid))!.totalAmount, '30.50')
  })

  test('a wrong signature is refused with ES104', async ({ client }) => {
    const response = await client
      .post(urlFor('esewa_sandbox.v2.form'))
      .form(v2Form({ signature: 'i94zsd3oXF6ZsSr/kGqT4sSzYQzjj1W/waxjWyRwaME=' }))
    response.assertStatus(400)
    response.assertTextIncludes('ES104')
    response.assertTextIncludes('Invalid payload signature')
  })

  test('a signature over "30" does not cover a posted "30.0"', async ({ client }) => {
    const form = v2Form()
    const response = await client
      .post(urlFor('esewa_sandbox.v2.form'))
      .form({ ...form, total_amount: '30.0', amount: '30.0' })
    response.assertStatus(400)
    response.assertTextIncludes('ES104')
  })

  test('signed_field_names other than total_amount,transaction_uuid,product_code is ES104', async ({
    client,
  }) => {
    const response = await client
      .post(urlFor('esewa_sandbox.v2.form'))
      .form(v2Form({ signed_field_names: 'transaction_uuid,total_amount,product_code' }))
    response.assertStatus(400)
    response.assertTextIncludes('ES104')
  })

  test("an unknown product code gets eSewa's exact JSON error", async ({ client, assert }) => {
    const response = await client
      .post(urlFor('esewa_sandbox.v2.form'))
      .form(v2Form({ product_code: 'NP-ES-KOTHA' }))
    response.assertStatus(400)
    assert.equal(response.text(), MERCHANT_KEY_ERROR)
    assert.match(response.header('content-type') as string, /^application\/json/)
  })

  test('missing or empty fields, bad uuids, bad sums and bad URLs are refused', async ({
    client,
    assert,
  }) => {
    const withoutTax: Record<string, string> = v2Form()
    delete withoutTax.tax_amount
    const cases: Record<string, string>[] = [
      withoutTax,
      v2Form({ product_delivery_charge: '' }),
      v2Form({ transaction_uuid: 'order_42' }),
      v2Form({ transaction_uuid: 'order 42' }),
      v2Form({ amount: '30', tax_amount: '5', total_amount: '30' }),
      v2Form({ amount: '1,000', total_amount: '1000' }),
      v2Form({ amount: '0', total_amount: '0' }),
      v2Form({ success_url: 'javascript:alert(1)' }),
    ]
    for (const fields of cases) {
      const response = await client.post(urlFor('esewa_sandbox.v2.form')).form(fields).redirects(0)
      assert.equal(response.status(), 400, JSON.stringify(fields))
    }
    const sum = await client
      .post(urlFor('esewa_sandbox.v2.form'))
      .form(v2Form({ amount: '30', tax_amount: '5', total_amount: '30' }))
    sum.assertTextIncludes('Invalid amount')
  })

  test('posting the same uuid again reuses its open session; a paid uuid is a duplicate', async ({
    client,
    assert,
  }) => {
    const form = v2Form()
    const first = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const second = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    assert.equal(second, first)

    ;(await pay(client, first)).assertStatus(302)
    const again = await client.post(urlFor('esewa_sandbox.v2.form')).form(form).redirects(0)
    again.assertStatus(400)
    again.assertTextIncludes('Duplicate transaction')
  })

  test('a wrong password re-renders the login with an error and keeps the eSewa ID', async ({
    client,
    assert,
  }) => {
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const response = await pay(client, checkout, {
      ...PAYER,
      esewaId: '9806800003',
      password: 'nepal123',
    })
    response.assertStatus(422)
    response.assertTextIncludes('Login failed')
    response.assertTextIncludes('The password is not right')
    response.assertTextIncludes('value="9806800003"')
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'INITIATED')

    const wrongId = await pay(client, checkout, { ...PAYER, esewaId: '9841000000' })
    wrongId.assertStatus(422)
    wrongId.assertTextIncludes('Use a sandbox test eSewa ID')
    const wrongToken = await pay(client, checkout, { ...PAYER, token: '000000' })
    wrongToken.assertTextIncludes('The token (OTP) is not right')

    // Still payable afterwards.
    ;(await pay(client, checkout)).assertStatus(302)
  })

  test('Cancel sends the payer to failure_url and the payment is NOT_FOUND', async ({
    client,
    assert,
  }) => {
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const response = await client.post(checkout).form({ action: 'cancel' }).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', form.failure_url)
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'NOT_FOUND')
    ;(await client.get(checkout)).assertTextIncludes('Your session has expired')
  })

  test('outcome "decline": failure_url unchanged, status NOT_FOUND', async ({ client, assert }) => {
    switches.set({ outcome: 'decline' })
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const response = await pay(client, checkout)
    response.assertStatus(302)
    response.assertHeader('location', form.failure_url)
    const status = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: form.transaction_uuid,
    })
    assert.equal(status.text(), statusJson(form.transaction_uuid, '30.0', 'NOT_FOUND', null))
  })

  test('outcome "pending": failure_url, PENDING without ref_id, then complete() makes it COMPLETE', async ({
    client,
    assert,
  }) => {
    switches.set({ outcome: 'pending' })
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const response = await pay(client, checkout)
    response.assertHeader('location', form.failure_url)
    const query = {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: form.transaction_uuid,
    }
    assert.equal(
      (await statusQuery(client, query)).text(),
      statusJson(form.transaction_uuid, '30.0', 'PENDING', null)
    )

    const completed = await complete(form.transaction_uuid)
    assert.match(completed.refId!, /^000[A-Z0-9]{4}$/)
    assert.equal(
      (await statusQuery(client, query)).text(),
      statusJson(form.transaction_uuid, '30.0', 'COMPLETE', completed.refId)
    )
    // Completing again keeps the same reference.
    assert.equal((await complete(form.transaction_uuid)).refId, completed.refId)
  })

  test('an expired session shows "Your session has expired" with a link to failure_url', async ({
    client,
    assert,
  }) => {
    switches.set({ sessionTtlSeconds: 0 })
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const page = await client.get(checkout)
    page.assertStatus(200)
    page.assertTextIncludes('Your session has expired')
    page.assertTextIncludes(`href="${form.failure_url}"`)
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'NOT_FOUND')
    const late = await pay(client, checkout)
    late.assertStatus(200)
    late.assertTextIncludes('Your session has expired')
  })

  test('switch expireSessions: open sessions are NOT_FOUND, and paying is impossible', async ({
    client,
    assert,
  }) => {
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const query = {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: form.transaction_uuid,
    }
    assert.equal(
      (await statusQuery(client, query)).text(),
      statusJson(form.transaction_uuid, '30.0', 'PENDING', null)
    )

    switches.set({ expireSessions: true })
    assert.equal(
      (await statusQuery(client, query)).text(),
      statusJson(form.transaction_uuid, '30.0', 'NOT_FOUND', null)
    )
    const response = await pay(client, checkout)
    response.assertTextIncludes('Your session has expired')
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'NOT_FOUND')
  })

  test('an unknown checkout token is a 404 page', async ({ client }) => {
    const response = await client.get('/esewa-sandbox/checkout/not-a-token')
    response.assertStatus(404)
    response.assertTextIncludes('This checkout link is not valid')
  })
})

test.group('eSewa sandbox / status API', (group) => {
  sandboxGroup(group)

  async function paidV2(client: ApiClient) {
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const { json } = decodedData(await pay(client, checkout))
    return { uuid: form.transaction_uuid, refId: json.transaction_code as string }
  }

  test('COMPLETE, with total_amount as the JSON number 30.0', async ({ client, assert }) => {
    const { uuid, refId } = await paidV2(client)
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    response.assertStatus(200)
    assert.equal(response.text(), statusJson(uuid, '30.0', 'COMPLETE', refId))
    assert.match(response.header('content-type') as string, /^application\/json/)
    // Amounts match numerically, in paisa.
    const asDecimal = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30.00',
      transaction_uuid: uuid,
    })
    assert.equal(asDecimal.text(), statusJson(uuid, '30.0', 'COMPLETE', refId))
  })

  test('PENDING while the checkout is open', async ({ client, assert }) => {
    const form = v2Form()
    await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: form.transaction_uuid,
    })
    assert.equal(response.text(), statusJson(form.transaction_uuid, '30.0', 'PENDING', null))
  })

  test('NOT_FOUND for an unknown uuid, another amount or another product code', async ({
    client,
    assert,
  }) => {
    const { uuid } = await paidV2(client)
    const unknown = randomUUID()
    assert.equal(
      (
        await statusQuery(client, {
          product_code: 'EPAYTEST',
          total_amount: '30',
          transaction_uuid: unknown,
        })
      ).text(),
      statusJson(unknown, '30.0', 'NOT_FOUND', null)
    )
    assert.equal(
      (
        await statusQuery(client, {
          product_code: 'EPAYTEST',
          total_amount: '1',
          transaction_uuid: uuid,
        })
      ).text(),
      statusJson(uuid, '1.0', 'NOT_FOUND', null)
    )
    const otherCode = await statusQuery(client, {
      product_code: 'NP-ES-KOTHA',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    assert.equal(
      otherCode.text(),
      `{"product_code":"NP-ES-KOTHA","transaction_uuid":"${uuid}","total_amount":30.0,"status":"NOT_FOUND","ref_id":null}`
    )
  })

  test('refunds, cancellations and halted payments set by setStatus() are reported', async ({
    client,
    assert,
  }) => {
    const { uuid, refId } = await paidV2(client)
    const query = { product_code: 'EPAYTEST', total_amount: '30', transaction_uuid: uuid }
    for (const status of ['FULL_REFUND', 'PARTIAL_REFUND', 'CANCELED', 'AMBIGUOUS'] as const) {
      await setStatus(uuid, status)
      assert.equal(
        (await statusQuery(client, query)).text(),
        statusJson(uuid, '30.0', status, refId)
      )
    }
    await setStatus(uuid, 'COMPLETE', '0KDL6NA')
    assert.equal(
      (await statusQuery(client, query)).text(),
      statusJson(uuid, '30.0', 'COMPLETE', '0KDL6NA')
    )
  })

  test("missing query parameters are a 400 with eSewa's error shape", async ({
    client,
    assert,
  }) => {
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      transaction_uuid: 'abc',
    })
    response.assertStatus(400)
    const body = JSON.parse(response.text())
    assert.deepEqual(Object.keys(body), ['code', 'error_message'])
    assert.equal(body.code, 0)
  })

  test('switch statusApi=unavailable: HTTP 200 with the documented error JSON', async ({
    client,
    assert,
  }) => {
    const { uuid } = await paidV2(client)
    switches.set({ statusApi: 'unavailable' })
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    response.assertStatus(200)
    assert.equal(response.text(), '{"code":0,"error_message":"Service is currently unavailable"}')
  })

  test('switch statusApi=down: HTTP 503 HTML', async ({ client, assert }) => {
    const { uuid } = await paidV2(client)
    switches.set({ statusApi: 'down' })
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    response.assertStatus(503)
    assert.match(response.header('content-type') as string, /^text\/html/)
    response.assertTextIncludes('503 Service Temporarily Unavailable')
  })

  test('switch statusApi=forbidden: HTTP 403 HTML', async ({ client, assert }) => {
    const { uuid } = await paidV2(client)
    switches.set({ statusApi: 'forbidden' })
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    response.assertStatus(403)
    assert.match(response.header('content-type') as string, /^text\/html/)
    response.assertTextIncludes('403 Forbidden')
  })

  test('switch statusApi=slow: the normal answer after slowMs', async ({ client, assert }) => {
    const { uuid, refId } = await paidV2(client)
    switches.set({ statusApi: 'slow', slowMs: 400 })
    const started = performance.now()
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    assert.isAtLeast(performance.now() - started, 390)
    assert.equal(response.text(), statusJson(uuid, '30.0', 'COMPLETE', refId))
  })

  test('switch statusApi=malformed: HTTP 200 JSON cut in the middle', async ({
    client,
    assert,
  }) => {
    const { uuid } = await paidV2(client)
    switches.set({ statusApi: 'malformed' })
    // With fetch, as the app's client would: the API client would choke on the JSON itself.
    const query = new URLSearchParams({
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: uuid,
    })
    const response = await fetch(
      `${serverUrl()}/esewa-sandbox/api/epay/transaction/status/?${query}`
    )
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type')!, /^application\/json/)
    const text = await response.text()
    assert.equal(
      text,
      `{"product_code":"EPAYTEST","transaction_uuid":"${uuid}","total_amount":30.0,"status":"COMPL`
    )
    assert.throws(() => JSON.parse(text))
  })
})

test.group('eSewa sandbox / ePay v1 and transrec', (group) => {
  sandboxGroup(group)

  async function paidV1(client: ApiClient, overrides: Record<string, string> = {}) {
    const form = v1Form(overrides)
    const checkout = await startCheckout(client, 'esewa_sandbox.v1.form', form)
    const response = await pay(client, checkout)
    response.assertStatus(302)
    const location = new URL(response.header('location') as string)
    return { form, location, refId: location.searchParams.get('refId')! }
  }

  function transrec(client: ApiClient, fields: Record<string, string>) {
    return client.post(urlFor('esewa_sandbox.transrec')).form(fields)
  }

  test('paying a v1 form redirects to su with oid, amt and refId', async ({ client, assert }) => {
    const { form, location, refId } = await paidV1(client)
    assert.equal(location.toString(), `${form.su}?oid=${form.pid}&amt=30&refId=${refId}`)
    assert.match(refId, /^000[A-Z0-9]{4}$/)
    const stored = (await findTransaction(form.pid))!
    assert.equal(stored.version, 'v1')
    assert.equal(stored.status, 'COMPLETE')
  })

  test('an su with a query string gets "&oid=…"', async ({ client, assert }) => {
    const pid = randomUUID()
    const { location, refId } = await paidV1(client, { pid, su: 'https://kotha.test/v1?q=su' })
    assert.equal(location.toString(), `https://kotha.test/v1?q=su&oid=${pid}&amt=30&refId=${refId}`)
  })

  test('v1 refuses an unknown scd and a total that is not the sum', async ({ client }) => {
    const unknown = await client
      .post(urlFor('esewa_sandbox.v1.form'))
      .form(v1Form({ scd: 'testmerchant' }))
      .redirects(0)
    unknown.assertStatus(400)
    unknown.assertTextIncludes('Invalid merchant')
    const badSum = await client
      .post(urlFor('esewa_sandbox.v1.form'))
      .form(v1Form({ tAmt: '25' }))
      .redirects(0)
    badSum.assertStatus(400)
    badSum.assertTextIncludes('Invalid amount')
  })

  test('transrec: Success for the stored amount, reference, pid and merchant', async ({
    client,
    assert,
  }) => {
    const { form, refId } = await paidV1(client)
    const response = await transrec(client, {
      amt: '30',
      rid: refId,
      pid: form.pid,
      scd: 'EPAYTEST',
    })
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'text/html;charset=UTF-8')
    assert.equal(response.text(), transrecBody('Success'))
    // Same amount written otherwise; and GET as older clients do.
    assert.equal(
      (await transrec(client, { amt: '30.00', rid: refId, pid: form.pid, scd: 'EPAYTEST' })).text(),
      transrecBody('Success')
    )
    const viaGet = await client
      .get(urlFor('esewa_sandbox.transrec'))
      .qs({ amt: '30', rid: refId, pid: form.pid, scd: 'EPAYTEST' })
    assert.equal(viaGet.text(), transrecBody('Success'))
  })

  test('transrec: failure for a wrong amount, reference, pid, merchant or missing field', async ({
    client,
    assert,
  }) => {
    const { form, refId } = await paidV1(client)
    const good = { amt: '30', rid: refId, pid: form.pid, scd: 'EPAYTEST' }
    for (const fields of [
      { ...good, amt: '1' },
      { ...good, rid: '000ZZZZ' },
      { ...good, pid: randomUUID() },
      { ...good, scd: 'epay_payment' },
      { amt: '30', pid: form.pid, scd: 'EPAYTEST' },
    ]) {
      const response = await transrec(client, fields)
      response.assertStatus(200)
      assert.equal(response.text(), transrecBody('failure'), JSON.stringify(fields))
    }
  })

  test("a payer who tampers tAmt pays what they posted; transrec with the merchant's amount fails", async ({
    client,
    assert,
  }) => {
    const { form, location, refId } = await paidV1(client, { amt: '1', tAmt: '1' })
    assert.equal(location.searchParams.get('amt'), '1')
    assert.equal(
      (await transrec(client, { amt: '30', rid: refId, pid: form.pid, scd: 'EPAYTEST' })).text(),
      transrecBody('failure')
    )
    // The redirect's own amount verifies: why merchants must send their stored amount.
    assert.equal(
      (await transrec(client, { amt: '1', rid: refId, pid: form.pid, scd: 'EPAYTEST' })).text(),
      transrecBody('Success')
    )
  })

  test('transrec follows the statusApi switch', async ({ client, assert }) => {
    const { form, refId } = await paidV1(client)
    const fields = { amt: '30', rid: refId, pid: form.pid, scd: 'EPAYTEST' }
    switches.set({ statusApi: 'down' })
    ;(await transrec(client, fields)).assertStatus(503)
    switches.set({ statusApi: 'forbidden' })
    ;(await transrec(client, fields)).assertStatus(403)
    switches.set({ statusApi: 'unavailable' })
    assert.equal(
      (await transrec(client, fields)).text(),
      '{"code":0,"error_message":"Service is currently unavailable"}'
    )
    switches.set({ statusApi: 'malformed' })
    const malformed = await transrec(client, fields)
    assert.notInclude(malformed.text(), 'Success')
    assert.isTrue(transrecBody('Success').startsWith(malformed.text()))
  })

  test('the status API does not answer for v1 transactions', async ({ client, assert }) => {
    const { form } = await paidV1(client)
    const response = await statusQuery(client, {
      product_code: 'EPAYTEST',
      total_amount: '30',
      transaction_uuid: form.pid,
    })
    assert.equal(response.text(), statusJson(form.pid, '30.0', 'NOT_FOUND', null))
  })
})

test.group('eSewa sandbox / control routes', (group) => {
  sandboxGroup(group)

  test('switches: JSON in, JSON out; a bad value is a 422', async ({ client, assert }) => {
    const response = await client
      .post(urlFor('esewa_sandbox.control.switches'))
      .json({ outcome: 'decline', sessionTtlSeconds: 60 })
    response.assertStatus(200)
    response.assertBody({
      switches: {
        outcome: 'decline',
        statusApi: 'ok',
        slowMs: 15000,
        sessionTtlSeconds: 60,
        expireSessions: false,
      },
    })
    assert.equal(switches.get().outcome, 'decline')

    const bad = await client
      .post(urlFor('esewa_sandbox.control.switches'))
      .json({ statusApi: 'flaky' })
    bad.assertStatus(422)
    assert.equal(switches.get().statusApi, 'ok')

    const reset = await client.post(urlFor('esewa_sandbox.control.switches')).json({ reset: true })
    assert.equal(reset.body().switches.outcome, 'pay')
  })

  test('switches from the control page form redirect back', async ({ client, assert }) => {
    const response = await client
      .post(urlFor('esewa_sandbox.control.switches'))
      .form({
        outcome: 'pending',
        statusApi: 'slow',
        slowMs: '20',
        sessionTtlSeconds: '300',
        expireSessions: 'true',
      })
      .header('referer', 'http://localhost:3444/esewa-sandbox')
      .redirects(0)
    response.assertStatus(302)
    assert.include(switches.get(), {
      outcome: 'pending',
      statusApi: 'slow',
      slowMs: 20,
      expireSessions: true,
    })
  })

  test('transactions: complete by default, or any eSewa status; JSON out', async ({
    client,
    assert,
  }) => {
    switches.set({ outcome: 'pending' })
    const form = v2Form()
    const checkout = await startCheckout(client, 'esewa_sandbox.v2.form', form)
    await pay(client, checkout)

    const url = urlFor('esewa_sandbox.control.transactions', { uuid: form.transaction_uuid })
    const completed = await client.post(url).json({})
    completed.assertStatus(200)
    assert.equal(completed.body().transaction.status, 'COMPLETE')
    assert.notProperty(completed.body().transaction, 'sessionToken')

    const refunded = await client.post(url).json({ status: 'FULL_REFUND' })
    assert.equal(refunded.body().transaction.status, 'FULL_REFUND')
    assert.equal(refunded.body().transaction.refId, completed.body().transaction.refId)

    ;(await client.post(url).json({ status: 'REFUNDED' })).assertStatus(422)
    ;(
      await client.post(urlFor('esewa_sandbox.control.transactions', { uuid: 'nope' })).json({})
    ).assertStatus(404)

    const viaForm = await client.post(url).form({ status: 'CANCELED' }).redirects(0)
    viaForm.assertStatus(302)
    assert.equal((await findTransaction(form.transaction_uuid))!.status, 'CANCELED')
  })

  test('the control page lists transactions and switches', async ({ client }) => {
    const form = v2Form()
    await startCheckout(client, 'esewa_sandbox.v2.form', form)
    const page = await client.get(urlFor('esewa_sandbox.index'))
    page.assertStatus(200)
    page.assertTextIncludes('Kotha local eSewa sandbox — no real money')
    page.assertTextIncludes(form.transaction_uuid)
    page.assertTextIncludes('status API says <strong>PENDING</strong>')
  })
})
