import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import type { ApiResponse } from '@japa/api-client'
import type User from '#models/user'
import PaymentEvent from '#models/payment_event'
import limits from '#config/limits'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { withRollback } from '#tests/helpers/app'
import { setLimit, withFreshLimits } from '#tests/helpers/limits'
import { givenClientAndRoom, startUnlock } from '#tests/helpers/payments'
import { givenChatCast } from '#tests/helpers/chat'

/** 429 in the API's error shape, with Retry-After. */
function assertJson429(response: ApiResponse, assert: { isAtLeast: Function; match: Function }) {
  response.assertStatus(429)
  assert.isAtLeast(Number(response.header('retry-after')), 1)
  response.assertBodyContains({ error: { status: 429, code: 'E_TOO_MANY_REQUESTS' } })
  assert.match(
    response.body().error.message,
    /^Too many attempts\. Please wait \d+ (seconds?|minutes) and try again\.$/
  )
}

/** 429 as a page for people, saying how long to wait. */
function assertPage429(response: ApiResponse, assert: { isAtLeast: Function }) {
  response.assertStatus(429)
  assert.isAtLeast(Number(response.header('retry-after')), 1)
  response.assertHeader('content-type', 'text/html; charset=utf-8')
  response.assertTextIncludes('data-error-for="rate-limit">Too many attempts. Please wait')
}

async function auditCount(paymentId: number) {
  const rows = await PaymentEvent.query().where('paymentId', paymentId).count('* as total')
  return Number(rows[0].$extras.total)
}

test.group('Limits / eSewa callbacks', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('a transaction’s redirects are verified 5 times a minute; more only show its state', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.esewaCallbackPerTransaction, { requests: 5, seconds: 60 })
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    const failure = urlFor('esewa.failure', { transactionId: payment.transactionId })
    const success = urlFor('esewa.success', { transactionId: payment.transactionId })

    for (let hit = 0; hit < 5; hit++) {
      ;(await client.get(failure).loginAs(payer)).assertStatus(200)
    }
    const verifications = await PaymentEvent.query()
      .where('paymentId', payment.id)
      .where('type', PaymentEventType.VerificationRequested)
    assert.lengthOf(verifications, 5, 'each of the 5 asked eSewa')
    const rowsBefore = await auditCount(payment.id)

    // Past the budget: the page of the payment as it stands, no eSewa call, no audit row.
    for (const path of [failure, success, failure]) {
      const page = await client.get(path).qs({ data: 'anything' }).loginAs(payer)
      page.assertStatus(200)
      page.assertTextIncludes('data-testid="payment-result" data-state="waiting"')
    }
    assert.equal(await auditCount(payment.id), rowsBefore)

    // Another transaction has its own budget.
    const other = await startUnlock(client, payer, room)
    await client.get(urlFor('esewa.failure', { transactionId: other.payment.transactionId }))
    assert.isAbove(await auditCount(other.payment.id), 1)
  })

  test('redirects from one address past its limit: a 429 page', async ({ client, assert }) => {
    assert.deepEqual(limits.esewaCallbackPerIp, { requests: 30, seconds: 60 })
    const cleanup = setLimit('esewaCallbackPerIp', 2)
    try {
      const { room, client: payer } = await givenClientAndRoom()
      const { payment } = await startUnlock(client, payer, room)
      const failure = urlFor('esewa.failure', { transactionId: payment.transactionId })
      ;(await client.get(failure)).assertStatus(200)
      ;(await client.get(failure)).assertStatus(200)
      const rowsBefore = await auditCount(payment.id)
      const refused = await client.get(failure)
      assertPage429(refused, assert)
      // Unknown transactions count too (no free probing), and nothing is written.
      assertPage429(await client.get('/esewa-success/not-a-real-transaction'), assert)
      assert.equal(await auditCount(payment.id), rowsBefore)
    } finally {
      cleanup()
    }
  })

  test('the webhook past its limit: 429 in the JSON shape', async ({ client, assert }) => {
    assert.deepEqual(limits.esewaWebhookPerIp, { requests: 60, seconds: 60 })
    const cleanup = setLimit('esewaWebhookPerIp', 2)
    try {
      const { room, client: payer } = await givenClientAndRoom()
      const { payment } = await startUnlock(client, payer, room)
      const webhook = () =>
        client.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
      ;(await webhook()).assertStatus(200)
      ;(await webhook()).assertStatus(200)
      assertJson429(await webhook(), assert)
    } finally {
      cleanup()
    }
  })
})

function typing(client: ApiClient, user: User, conversationId: number) {
  return client
    .post(urlFor('api.messages.typing'))
    .json({ conversation_id: conversationId })
    .header('accept', 'application/json')
    .loginAs(user)
    .withCsrfToken()
}

function startCall(client: ApiClient, user: User, conversationId: number, json = true) {
  const request = client
    .post(urlFor('calls.store'))
    .form({ conversation_id: conversationId })
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
  return json ? request.header('accept', 'application/json') : request
}

test.group('Limits / chat and calls', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('typing: per user and conversation, 429 in the JSON shape past the limit', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.typingPerConversation, { requests: 30, seconds: 60 })
    const cleanup = setLimit('typingPerConversation', 3)
    try {
      const cast = await givenChatCast()
      for (let signal = 0; signal < 3; signal++) {
        ;(await typing(client, cast.owner, cast.conversation.id)).assertStatus(204)
      }
      assertJson429(await typing(client, cast.owner, cast.conversation.id), assert)
      // The owner's other conversation, and the other person of this one, are not limited.
      ;(await typing(client, cast.owner, cast.otherConversation.id)).assertStatus(204)
      ;(await typing(client, cast.client, cast.conversation.id)).assertStatus(204)
    } finally {
      cleanup()
    }
  })

  test('starting calls: per user; 429 as JSON for the page’s script, a page for the form', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.callStartPerUser, { requests: 10, seconds: 300 })
    const cleanup = setLimit('callStartPerUser', 2)
    try {
      const cast = await givenChatCast()
      ;(await startCall(client, cast.client, cast.conversation.id)).assertStatus(201)
      // Whatever the answer (busy: already in a call), the attempt counts.
      assert.notEqual((await startCall(client, cast.client, cast.conversation.id)).status(), 429)
      assertJson429(await startCall(client, cast.client, cast.conversation.id), assert)
      assertPage429(await startCall(client, cast.client, cast.conversation.id, false), assert)
      // The other person may still call.
      assert.notEqual(
        (await startCall(client, cast.otherClient, cast.otherConversation.id)).status(),
        429
      )
    } finally {
      cleanup()
    }
  })

  test('signals: generous, per user and call; 429 in the JSON shape past the limit', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.callSignalPerCall, { requests: 300, seconds: 60 })
    const cleanup = setLimit('callSignalPerCall', 5)
    try {
      const cast = await givenChatCast()
      const started = await startCall(client, cast.client, cast.conversation.id)
      started.assertStatus(201)
      const id = started.body().data.id as number
      const signal = (user: User) =>
        client
          .post(urlFor('calls.signal', { id }))
          .json({
            signal: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' } },
          })
          .header('accept', 'application/json')
          .loginAs(user)
          .withCsrfToken()
      for (let n = 0; n < 5; n++) (await signal(cast.client)).assertStatus(204)
      assertJson429(await signal(cast.client), assert)
      ;(await signal(cast.owner)).assertStatus(204)
    } finally {
      cleanup()
    }
  })

  test('sending from the chat page’s form past the limit: a 429 page', async ({
    client,
    assert,
  }) => {
    const cleanup = setLimit('chatSendPerUser', 1)
    try {
      const cast = await givenChatCast()
      const send = () =>
        client
          .post(urlFor('chat.store', { id: cast.conversation.id }))
          .form({ content: 'Namaste' })
          .loginAs(cast.client)
          .withCsrfToken()
          .redirects(0)
      ;(await send()).assertStatus(302)
      assertPage429(await send(), assert)
    } finally {
      cleanup()
    }
  })
})
