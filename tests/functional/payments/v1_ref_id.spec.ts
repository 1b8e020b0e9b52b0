import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import esewaConfig from '#config/esewa'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType as E } from '#payments/enums/payment_event_type'
import { switches } from '#dev/esewa_sandbox/sandbox'
import { withRollback } from '#tests/helpers/app'
import { setLimit, withFreshLimits } from '#tests/helpers/limits'
import {
  eventsOf,
  givenClientAndRoom,
  payInSandbox,
  reconcile,
  startUnlock,
} from '#tests/helpers/payments'

const later = (minutes: number) => DateTime.now().plus({ minutes })

/** The `rid` transrec was asked with, for each check of the payment, in order. */
async function ridsAsked(payment: Payment) {
  const responses = await eventsOf(payment, E.VerificationResponse)
  return responses.map((event) => (event.data.request as { form: { rid: string } }).form.rid)
}

test.group('Payments / v1 re-checks use only a verified reference', (group) => {
  withFreshLimits(group)
  withRollback(group)
  group.each.setup(() => {
    esewaConfig.gateway = 'v1'
    return () => {
      esewaConfig.gateway = 'v2'
      switches.reset()
    }
  })

  /** A v1 attempt paid at eSewa whose redirect came back while transrec was down. */
  async function givenRedirectWhileEsewaDown(http: Parameters<typeof startUnlock>[0]) {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(http, payer, room)
    const successPath = await payInSandbox(http, payer, payment)
    const realRefId = new URL(successPath, 'http://localhost').searchParams.get('refId')!
    switches.set({ statusApi: 'down' })
    await http.get(successPath).loginAs(payer)
    await payment.refresh()
    if (payment.status !== PaymentStatus.Pending) throw new Error('expected a pending attempt')
    return { payment, payer, realRefId }
  }

  test('forged redirects posted by a stranger do not spoil the re-check: transrec is asked with the real refId', async ({
    client,
    assert,
    cleanup,
  }) => {
    // Six redirects of one transaction within a minute: every one is to be handled.
    cleanup(setLimit('esewaCallbackPerTransaction', 50))
    const { payment, realRefId } = await givenRedirectWhileEsewaDown(client)
    const success = urlFor('esewa.success', { transactionId: payment.transactionId })
    const tx = payment.transactionId
    // A stranger (no login) posts redirects that fail their checks, newest last.
    for (const query of [
      { oid: 'another-transaction', amt: '30', refId: 'FORGED1' },
      { oid: tx, amt: '30', refId: '<script>x</script>' },
      { oid: tx, amt: '30', refId: 'F'.repeat(40) },
      { oid: tx, amt: '1', refId: 'FORGED2' },
      { refId: 'FORGED3' },
    ]) {
      const response = await client.get(success).qs(query).redirects(0)
      assert.oneOf(response.status(), [200, 302])
    }
    assert.lengthOf(await eventsOf(payment, E.RedirectVerified), 1)

    switches.set({ statusApi: 'ok' })
    await reconcile({ now: later(30) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.equal(payment.esewaRefId, realRefId)
    assert.equal((await ridsAsked(payment)).at(-1), realRefId)
    assert.isNull(payment.flagReason)
  })

  test('a redirect that passes the checks with another refId: transrec refuses it, the next re-check uses the real one', async ({
    client,
    assert,
  }) => {
    const { payment, realRefId } = await givenRedirectWhileEsewaDown(client)
    switches.set({ statusApi: 'ok' })
    const success = urlFor('esewa.success', { transactionId: payment.transactionId })
    await client.get(success).qs({ oid: payment.transactionId, amt: '30', refId: 'FORGED4' })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.equal((await ridsAsked(payment)).at(-1), 'FORGED4')

    await reconcile({ now: later(30) })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.equal(payment.esewaRefId, realRefId)
    assert.deepEqual(await ridsAsked(payment), [realRefId, 'FORGED4', realRefId])
  })

  test('a complete v1 payment is checked again with the refId eSewa confirmed, whatever a later redirect says', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    await client.get(await payInSandbox(client, payer, payment)).loginAs(payer)
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    const confirmed = payment.esewaRefId!

    const success = urlFor('esewa.success', { transactionId: payment.transactionId })
    await client.get(success).qs({ oid: payment.transactionId, amt: '30', refId: 'FORGED5' })
    await client.post(urlFor('esewa.webhook')).json({ transaction_id: payment.transactionId })
    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Complete)
    assert.isNull(payment.flagReason)
    assert.deepEqual((await ridsAsked(payment)).slice(-2), [confirmed, confirmed])
  })
})
