/// <reference lib="dom" />
import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'

test.group('tmp debug', (group) => {
  withRollback(group)
  test('qr', async ({ browser, browserContext, visit }) => {
    const owner = await UserFactory.apply('owner').merge({ phone: '9851222333' }).create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const client = await UserFactory.create()
    await browserContext.loginAs(client)
    const computer = await visit(urlFor('rooms.show', { id: room.id }))
    computer.on('console', (m) => console.log('PAGE', m.type(), m.text()))
    computer.on('request', (r) => r.url().includes('transmit') || r.url().includes('status') ? console.log('REQ', r.method(), r.url(), r.postData()) : null)
    computer.on('response', (r) => r.url().includes('transmit') || r.url().includes('status') ? console.log('RES', r.status(), r.url()) : null)
    await computer.getByTestId('unlock-button').click()
    await computer.getByTestId('qr-link').waitFor()
    const qrLink = await computer.getByTestId('qr-link').getAttribute('href')
    await computer.waitForTimeout(500)
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const phone = await phoneContext.newPage()
    await phone.goto(qrLink!)
    await phone.getByLabel('eSewa ID (mobile number)').fill('9806800002')
    await phone.getByLabel('Password / MPIN').fill('Nepal@123')
    await phone.getByLabel('Token (OTP)').fill('123456')
    await phone.getByRole('button', { name: /^Pay/ }).click()
    await phone.getByText('Payment received').waitFor()
    console.log('PAID')
    await computer.waitForTimeout(4000)
    await phoneContext.close()
  })
})
