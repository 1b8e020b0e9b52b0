import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import type { PaymentGateway, StatusCheck } from '#payments/gateways/payment_gateway'
import { withRollback } from '#tests/helpers/app'
import { eventsOf, givenClientAndRoom, startUnlock } from '#tests/helpers/payments'

/**
 * A fake eSewa that accepts any redirect and reports COMPLETE for Rs. 1,
 * whatever was asked.
 */
class UnderpaidGateways extends PaymentGateways {
  for(): PaymentGateway {
    return {
      name: 'esewa_v2',
      checkoutForm: () => ({ action: 'https://fake.esewa.test/form', fields: {} }),
      readSuccessRedirect: () => ({ ok: false, reason: 'not used' }),
      checkStatus: async (payment: Payment): Promise<StatusCheck> => ({
        request: { fake: true, transactionId: payment.transactionId },
        response: { status: 'COMPLETE', total_amount: 1 },
        status: { outcome: 'complete', refId: '000FAKE', amountPaisa: 100 },
      }),
    }
  }
}

test.group('Payments / the gateway contract', (group) => {
  withRollback(group)
  group.each.teardown(() => app.container.restore(PaymentGateways))

  test('a gateway swapped in the container that reports a wrong amount unlocks nothing', async ({
    client,
    assert,
  }) => {
    const { room, client: payer } = await givenClientAndRoom()
    const { payment } = await startUnlock(client, payer, room)
    app.container.swap(PaymentGateways, () => new UnderpaidGateways())

    const response = await client
      .post(urlFor('esewa.webhook'))
      .json({ transaction_id: payment.transactionId })
    response.assertBody({ transactionId: payment.transactionId, status: 'pending' })

    await payment.refresh()
    assert.equal(payment.status, PaymentStatus.Pending)
    assert.equal(payment.flagReason, 'eSewa reports COMPLETE for 100 paisa, not 3000')
    const [verification] = await eventsOf(payment, PaymentEventType.VerificationResponse)
    assert.deepEqual(verification.data.request, {
      fake: true,
      transactionId: payment.transactionId,
    })
    assert.lengthOf(await eventsOf(payment, PaymentEventType.StatusChanged), 0)
  })
})
