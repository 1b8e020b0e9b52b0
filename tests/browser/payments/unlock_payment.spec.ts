/// <reference lib="dom" />
import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { securityPolicyMessages } from '#tests/helpers/security_policy_console'

const OWNER_PHONE = '9851222333'

async function givenRoom() {
  const owner = await UserFactory.apply('owner')
    .merge({ fullName: 'Kamala Thapa', phone: OWNER_PHONE })
    .create()
  return RoomFactory.merge({
    ownerId: owner.id,
    title: 'Bright room in Sanepa with a garden',
  }).create()
}

test.group('Unlocking a room / as a new client would', (group) => {
  withRollback(group)

  test('pays through eSewa by redirect and sees the owner phone number', async ({
    visit,
    assert,
  }) => {
    const room = await givenRoom()

    const page = await visit(urlFor('register.create'))
    await page.getByLabel('Full name').fill('Nabin Shrestha')
    await page.getByLabel('Email').fill('nabin@example.com')
    await page.getByLabel('Mobile number').fill('9803123456')
    await page.getByLabel('Password', { exact: true }).fill('nabin-pass-1')
    await page.getByLabel('Repeat password').fill('nabin-pass-1')
    await page.getByRole('button', { name: 'Create account' }).click()
    // Signing up leads to logging in, the email filled in.
    await page.getByLabel('Password', { exact: true }).fill('nabin-pass-1')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Namaste, Nabin' }).waitFor()

    await page.goto(urlFor('rooms.show', { id: room.id }))
    assert.notInclude(await page.content(), OWNER_PHONE)
    // The modal's script loads lazily: a click before it posts the form without it.
    await page.locator('[data-unlock-form][data-enhanced]').waitFor({ state: 'attached' })
    await page.getByTestId('unlock-button').click()
    await page.getByTestId('pay-with-esewa').waitFor()
    await page.assertTextContains('[data-testid="payment-modal"]', 'Rs. 30')
    assert.isTrue(await page.locator('[data-qr] svg').isVisible())

    await page.getByTestId('pay-with-esewa').click()
    await page.getByTestId('sandbox-banner').waitFor()
    await page.getByLabel('eSewa ID (mobile number)').fill('9806800001')
    await page.getByLabel('Password / MPIN').fill('Nepal@123')
    await page.getByLabel('Token (OTP)').fill('123456')
    await page.getByRole('button', { name: /^Pay/ }).click()

    await page.getByTestId('owner-phone').waitFor()
    await page.assertTextContains('[data-testid="owner-phone"]', OWNER_PHONE)
    await page.assertTextContains('[data-testid="owner-full-name"]', 'Kamala Thapa')
    await page.assertTextContains('[data-flash="success"]', 'The room is unlocked')
    const payment = await Payment.query().where('roomId', room.id).firstOrFail()
    assert.equal(payment.status, PaymentStatus.Complete)
    // The hand-off page posted itself to eSewa under the CSP (its script carries the nonce).
    assert.deepEqual(securityPolicyMessages(), [])
  })

  test('pays on a phone with the QR link; the computer’s modal turns "Unlocked" by itself', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const room = await givenRoom()
    const client = await UserFactory.merge({ fullName: 'Sabina Rai' }).create()
    await browserContext.loginAs(client)

    const computer = await visit(urlFor('rooms.show', { id: room.id }))
    await computer.locator('[data-unlock-form][data-enhanced]').waitFor({ state: 'attached' })
    await computer.getByTestId('unlock-button').click()
    await computer.getByTestId('qr-link').waitFor()
    const qrLink = await computer.getByTestId('qr-link').getAttribute('href')
    assert.match(qrLink!, /\/pay\//)
    // Give the modal's live subscription a moment to be in place.
    await computer.waitForTimeout(500)

    // Another device, not logged in, opens the QR code's link.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const phone = await phoneContext.newPage()
    await phone.goto(qrLink!)
    await phone.getByTestId('sandbox-banner').waitFor()
    await phone.getByLabel('eSewa ID (mobile number)').fill('9806800002')
    await phone.getByLabel('Password / MPIN').fill('Nepal@123')
    await phone.getByLabel('Token (OTP)').fill('123456')
    await phone.getByRole('button', { name: /^Pay/ }).click()
    await phone.getByText('Payment received').waitFor()

    // The computer was not reloaded: its modal follows the payment live.
    await computer.getByTestId('payment-unlocked').waitFor({ state: 'visible', timeout: 10000 })
    await computer.getByRole('button', { name: 'Show the contact' }).click()
    await computer.getByTestId('owner-phone').waitFor()
    await computer.assertTextContains('[data-testid="owner-phone"]', OWNER_PHONE)
    await phoneContext.close()
  })
})
