import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { UserFactory } from '#database/factories/user_factory'
import { UserRole } from '#accounts/enums/user_role'
import { FLASH_LIMITS } from '#core/http/compact_flash'
import { fakeJpegBytes, flashedInputErrors, withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'

const roomForm = {
  title: 'Bright single room in Kupondole',
  description: 'Second floor, 24-hour water, attached bathroom, ten minutes from Pulchowk.',
  city: 'lalitpur',
  locality: 'Kupondole',
  rentNpr: '8500',
  roomType: 'single',
}

/**
 * About what the cookie store would send for these flash messages: the
 * session's values, JSON, encrypted with APP_KEY (as `response.encryptedCookie`).
 */
function cookieBytes(flash: Record<string, unknown>) {
  return Buffer.byteLength(encryption.encrypt(JSON.stringify({ __flash__: flash })))
}

test.group('Flash messages / small whatever the form sent', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('100 photos refused at once flash one message and no file, not a 40 KB cookie', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    let request = client
      .post(urlFor('owner.rooms.store'))
      .fields({ ...roomForm, title: 'short' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    for (let n = 0; n < 100; n++) {
      request = request.file('photos[]', fakeJpegBytes(), {
        filename: `room-${n}-${'x'.repeat(150)}.jpg`,
        contentType: 'image/jpeg',
      })
    }
    const response = await request
    response.assertStatus(302)

    const flash = response.flashMessages()
    const errors = flashedInputErrors(response)
    assert.isBelow(cookieBytes(flash), 3000, 'fits a cookie, with room for the rest of the session')

    // The files themselves were flashed (41 KB here): never any more.
    assert.notInclude(JSON.stringify(flash), 'room-0-')
    assert.notProperty(flash, 'photos')
    assert.deepEqual(errors, {
      title: ['Title must be at least 8 characters'],
      photos: ['Add at most 8 photos at a time'],
    })
    // What was typed comes back.
    assert.equal(flash.description, roomForm.description)
    assert.equal(flash.locality, roomForm.locality)
  })

  test('many refused photos: the first ones’ messages and one line for the rest', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    let request = client
      .post(urlFor('owner.rooms.store'))
      .fields(roomForm)
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    for (let n = 0; n < 8; n++) {
      request = request.file('photos[]', fakeJpegBytes(), {
        filename: `room-${n}-${'x'.repeat(200)}.jpg`,
        contentType: 'image/jpeg',
      })
    }
    const response = await request
    const flash = response.flashMessages()
    const errors = flashedInputErrors(response)
    assert.isBelow(cookieBytes(flash), 3000)
    assert.deepEqual(Object.keys(errors), ['photos.0', 'photos.1', 'photos.2', 'photos'])
    assert.deepEqual(errors.photos, ['…and 5 more like these'])
    assert.isAtMost(errors['photos.0'][0].length, FLASH_LIMITS.messageLength)

    // The room form shows them next to the photos field.
    const page = await client
      .get(urlFor('owner.rooms.create'))
      .withFlashMessages(flash)
      .loginAs(owner)
    page.assertTextIncludes('data-error-for="photos">…and 5 more like these')
  })

  test('a long text is left out of the flashed input rather than cut', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const longDescription = 'कोठा '.repeat(600)
    const response = await client
      .post(urlFor('owner.rooms.store'))
      .fields({ ...roomForm, description: longDescription, rentNpr: '5' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    const flash = response.flashMessages()
    assert.notProperty(flash, 'description')
    assert.equal(flash.title, roomForm.title)
    assert.isBelow(cookieBytes(flash), 3000)
  })

  test('passwords are never flashed, whatever the field is called', async ({ client, assert }) => {
    const response = await client
      .post(urlFor('register.store'))
      .form({
        fullName: 'S',
        email: 'sita@example.com',
        phone: '9841000001',
        password: 'first-password-1',
        passwordConfirmation: 'second-password-2',
        role: UserRole.Client,
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const flashed = JSON.stringify(response.flashMessages())
    assert.notInclude(flashed, 'first-password-1')
    assert.notInclude(flashed, 'second-password-2')
    assert.equal(response.flashMessages().email, 'sita@example.com')
  })
})
