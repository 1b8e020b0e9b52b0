/// <reference lib="dom" />
import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { pngBytes, withRollback } from '#tests/helpers/app'

const owner = {
  name: 'Gita Bhandari',
  email: 'gita.owner@example.com',
  phone: '9841555123',
  password: 'gita-rooms-2026',
}
const roomTitle = 'Quiet single room near Bhaisepati chowk'

test.group('New users / an owner lists a room, a client finds it', (group) => {
  withRollback(group)

  test('the journey works in a real browser and never shows the owner phone', async ({
    visit,
    assert,
  }) => {
    // An owner signs up.
    const page = await visit(urlFor('register.create', {}, { qs: { role: 'owner' } }))
    await page.getByLabel('Full name').fill(owner.name)
    await page.getByLabel('Email').fill(owner.email)
    await page.getByLabel('Mobile number').fill(owner.phone)
    await page.getByLabel('Password', { exact: true }).fill(owner.password)
    await page.getByLabel('Repeat password').fill(owner.password)
    await page.getByRole('button', { name: 'Create account' }).click()
    // Signing up leads to logging in (the sign-up never tells a taken email), the email filled in.
    await page.assertInputValue('[name="email"]', owner.email)
    await page.getByLabel('Password', { exact: true }).fill(owner.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'My rooms' }).waitFor()
    await page.assertTextContains('body', 'You have not listed a room yet')

    // …lists a room with a photo…
    await page.getByRole('link', { name: 'List your first room' }).click()
    await page.getByLabel('Title').fill(roomTitle)
    await page
      .getByLabel('Description')
      .fill('Sunny room on the second floor, 24-hour water, close to the ring road and buses.')
    await page.getByLabel('City').selectOption('lalitpur')
    await page.getByLabel('Locality').fill('Bhaisepati')
    await page.getByLabel('Monthly rent (Rs.)').fill('7500')
    await page.getByLabel('Room type').selectOption('single')
    await page
      .getByLabel('Photos')
      .setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: pngBytes(5) })
    await page.getByRole('button', { name: 'Publish room' }).click()
    await page.getByRole('heading', { name: roomTitle }).waitFor()
    await page.assertTextContains('[data-flash="success"]', 'Your room is listed.')
    assert.isTrue(
      await page
        .locator('[data-gallery-main]')
        .evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)
    )

    // …and logs out.
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.assertTextContains('[data-flash="success"]', 'You are logged out.')

    // A client signs up, mistyping the password once.
    await page.getByRole('link', { name: 'Sign up' }).click()
    await page.getByLabel('Full name').fill('Arjun Tamang')
    await page.getByLabel('Email').fill('arjun@example.com')
    await page.getByLabel('Mobile number').fill('9812345678')
    await page.getByLabel('Password', { exact: true }).fill('arjun-pass-1')
    await page.getByLabel('Repeat password').fill('arjun-pass-2')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.assertTextContains(
      '[data-error-for="passwordConfirmation"], [data-error-for="password"]',
      'do not match'
    )
    await page.assertInputValue('[name="fullName"]', 'Arjun Tamang')
    await page.getByLabel('Password', { exact: true }).fill('arjun-pass-1')
    await page.getByLabel('Repeat password').fill('arjun-pass-1')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.assertInputValue('[name="email"]', 'arjun@example.com')
    await page.getByLabel('Password', { exact: true }).fill('arjun-pass-1')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Namaste, Arjun' }).waitFor()

    // …searches…
    await page.getByPlaceholder('Where do you want to live?').fill('bhaise')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.assertTextContains('[data-testid="result-count"]', '1 room matching')
    await page.assertTextContains('[data-testid="room-card"]', roomTitle)

    // …filters it out, then in…
    await page.getByText('Filters and sort').click()
    await page.getByLabel('Room type').selectOption('flat_2bhk')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.locator('[data-testid="no-results"]').waitFor()
    await page.getByLabel('Room type').selectOption('single')
    await page.getByLabel('City').selectOption('lalitpur')
    await page.getByLabel('Max rent (Rs.)').fill('8000')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.assertTextContains('[data-testid="room-card"]', roomTitle)
    assert.include(page.url(), 'city=lalitpur')

    // …opens the room and sees the owner by first name, without a phone number.
    await page.getByRole('link', { name: new RegExp(roomTitle) }).click()
    await page.getByRole('heading', { name: roomTitle }).waitFor()
    await page.assertTextContains('[data-testid="owner-name"]', 'Gita')
    const html = await page.content()
    for (const secret of [owner.phone, '984-155-5123', owner.email, 'Bhandari']) {
      assert.notInclude(html, secret)
    }
    await page.assertTextContains('[data-testid="unlock-button"]', 'Unlock contact — Rs. 30')
  })
})
