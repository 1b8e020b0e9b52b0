import type { ApiClient } from '@japa/api-client'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Payment from '#models/payment'
import PaymentEvent from '#models/payment_event'
import type Room from '#models/room'
import type User from '#models/user'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { type PaymentEventType } from '#payments/enums/payment_event_type'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import ReconcilePayments from '#payments/actions/reconcile_payments'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import type { GatewayStatus, PaymentGateway, StatusCheck } from '#payments/gateways/payment_gateway'
import { PaymentFactory } from '#database/factories/payment_factory'

export const PAYER = { esewaId: '9806800001', password: 'Nepal@123', token: '123456' }

/**
 * An owner with a room, and a client who may unlock it.
 */
export async function givenClientAndRoom() {
  const owner = await UserFactory.apply('owner')
    .merge({ fullName: 'Sunita Lama', phone: '9841999888' })
    .create()
  const room = await RoomFactory.merge({
    ownerId: owner.id,
    title: 'Room with a paid unlock',
  }).create()
  const client = await UserFactory.merge({ fullName: 'Bishal Karki' }).create()
  return { owner, room, client }
}

/**
 * The client clicks "Unlock contact": a pending attempt, as the modal gets it.
 */
export async function startUnlock(http: ApiClient, client: User, room: Room) {
  const response = await http
    .post(urlFor('payments.intent'))
    .json({ room_id: room.id })
    .header('accept', 'application/json')
    .loginAs(client)
    .withCsrfToken()
  response.assertStatus(201)
  const body = response.body()
  const payment = await Payment.findByOrFail('transactionId', body.payment.transactionId)
  return { payment, body }
}

/**
 * The hidden fields and action of the auto-submitting page that takes the
 * payer to eSewa.
 */
export function readCheckoutForm(html: string) {
  const action = /<form method="POST" action="([^"]+)"/.exec(html)?.[1]
  if (!action) throw new Error('no checkout form in page')
  const fields: Record<string, string> = {}
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]] = decodeEntities(match[2])
  }
  return { action: decodeEntities(action), fields }
}

/**
 * Opens the redirect page as the client and posts its form to the sandbox,
 * then pays on the sandbox checkout. Returns the sandbox's final redirect
 * (to the app's success or failure URL) as a path.
 */
export async function payInSandbox(
  http: ApiClient,
  client: User,
  payment: Payment,
  options: { tamper?: (fields: Record<string, string>) => void } = {}
) {
  const page = await http
    .get(urlFor('payments.redirect', { transactionId: payment.transactionId }))
    .loginAs(client)
  page.assertStatus(200)
  const form = readCheckoutForm(page.text())
  options.tamper?.(form.fields)
  return payForm(http, form)
}

/**
 * Posts a checkout form to the sandbox and pays it with a test eSewa ID.
 */
export async function payForm(
  http: ApiClient,
  form: { action: string; fields: Record<string, string> }
) {
  const started = await http.post(pathOf(form.action)).form(form.fields).redirects(0)
  started.assertStatus(302)
  const paid = await http
    .post(started.header('location')!)
    .form({ action: 'pay', ...PAYER })
    .redirects(0)
  paid.assertStatus(302)
  return pathOf(paid.header('location')!)
}

/**
 * The path and query of an absolute URL (the test client adds the host).
 */
export function pathOf(url: string) {
  const parsed = new URL(url, 'http://localhost')
  return parsed.pathname + parsed.search
}

/**
 * The types of a payment's audit trail, oldest first.
 */
export async function eventTypes(payment: Payment) {
  const events = await PaymentEvent.query().where('paymentId', payment.id).orderBy('id')
  return events.map((event) => event.type)
}

export async function eventsOf(payment: Payment, type: PaymentEventType) {
  return PaymentEvent.query().where('paymentId', payment.id).where('type', type).orderBy('id')
}

/**
 * One reconciler run, as the scheduler and `node ace payments:reconcile` do it.
 */
export async function reconcile(options: Parameters<ReconcilePayments['handle']>[0] = {}) {
  const reconciler = await app.container.make(ReconcilePayments)
  return reconciler.handle(options)
}

function decodeEntities(text: string) {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#x2F;', '/')
    .replaceAll('&#x3D;', '=')
    .replaceAll('&#x60;', '`')
    .replaceAll('&amp;', '&')
}

/**
 * A client who started two attempts for one room and paid both at eSewa
 * (two tabs), before either redirect came back: nothing is settled yet.
 */
export async function givenPaidTwice(http: ApiClient) {
  const { owner, room, client: payer } = await givenClientAndRoom()
  const first = await startUnlock(http, payer, room)
  const second = await startUnlock(http, payer, room)
  const attempts = [first.payment, second.payment]
  const successPaths: string[] = []
  for (const attempt of attempts) successPaths.push(await payInSandbox(http, payer, attempt))
  return { owner, room, payer, attempts, successPaths }
}

/**
 * A fake eSewa whose status answer for each payment is scripted: a status,
 * or a function that may throw (swap it in with
 * `app.container.swap(PaymentGateways, () => gateways)`). Unscripted
 * payments are PENDING. `asked` lists the transaction ids checked, in order.
 */
export class ScriptedGateways extends PaymentGateways {
  readonly asked: string[] = []

  constructor(private script: Map<string, GatewayStatus | ((payment: Payment) => GatewayStatus)>) {
    super()
  }

  for(): PaymentGateway {
    return {
      name: 'esewa_v2',
      checkoutForm: () => ({ action: 'https://fake.esewa.test/form', fields: {} }),
      readSuccessRedirect: () => ({ ok: false, reason: 'not used' }),
      checkStatus: async (payment: Payment): Promise<StatusCheck> => {
        this.asked.push(payment.transactionId)
        const answer = this.script.get(payment.transactionId) ?? { outcome: 'pending' }
        const status = typeof answer === 'function' ? answer(payment) : answer
        return { request: { fake: true }, response: { scripted: true }, status }
      },
    }
  }
}

/** eSewa's COMPLETE for Rs. 30 with this reference. */
export function completeWith(refId: string): GatewayStatus {
  return { outcome: 'complete', refId, amountPaisa: 3000 }
}

/**
 * Pending attempts (v2) of one client for `count` rooms of one owner,
 * already due for the reconciler, in id order.
 */
export async function givenDueAttempts(count: number) {
  const { owner, client } = await givenClientAndRoom()
  const payments: Payment[] = []
  for (let index = 0; index < count; index++) {
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const payment = await PaymentFactory.merge({
      clientId: client.id,
      ownerId: owner.id,
      roomId: room.id,
      nextCheckAt: DateTime.now().minus({ minutes: 1 }),
    }).create()
    payments.push(payment)
  }
  await Payment.query()
    .whereIn(
      'id',
      payments.map((payment) => payment.id)
    )
    .update({ createdAt: DateTime.now().minus({ minutes: 30 }).toJSDate() })
  return { owner, client, payments }
}
