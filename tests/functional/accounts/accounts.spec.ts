import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { urlFor } from '@adonisjs/core/services/url_builder'
import User from '#models/user'
import { UserRole } from '#accounts/enums/user_role'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { PushSubscriptionFactory } from '#database/factories/push_subscription_factory'
import PushSubscription from '#models/push_subscription'
import { withRollback } from '#tests/helpers/app'
import { withFreshLimits } from '#tests/helpers/limits'
import { SIGNED_UP_MESSAGE } from '#accounts/controllers/register_controller'

const newOwner = {
  fullName: 'Sita Sharma',
  email: 'Sita.Sharma@Example.com',
  phone: '+977 984-100-0001',
  password: 'namaste-123',
  passwordConfirmation: 'namaste-123',
  role: UserRole.Owner,
}

test.group('Accounts / register', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('an owner registers, is sent to log in, and then lands on their dashboard', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post(urlFor('register.store'))
      .form(newOwner)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', urlFor('session.create'))
    response.assertFlashMessage('success', SIGNED_UP_MESSAGE)
    response.assertFlashMessage('email', 'sita.sharma@example.com')
    const user = await User.findByOrFail('email', 'sita.sharma@example.com')
    assert.equal(user.role, UserRole.Owner)
    assert.equal(user.phone, '9841000001')
    assert.equal(user.fullName, 'Sita Sharma')
    assert.match(user.password, /^\$scrypt\$/)
    assert.isTrue(await hash.verify(user.password, 'namaste-123'))

    // Signing up logs nobody in (or the answer would tell a new email from a taken one).
    response.assertSessionMissing('auth_web')
    const login = await client
      .post(urlFor('session.store'))
      .form({ email: newOwner.email, password: newOwner.password })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', urlFor('owner.rooms.index'))
  })

  test('a client registers and then lands on the client home', async ({ client, assert }) => {
    const response = await client
      .post(urlFor('register.store'))
      .form({ ...newOwner, role: UserRole.Client })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('session.create'))
    const user = await User.findByOrFail('email', 'sita.sharma@example.com')
    assert.equal(user.role, UserRole.Client)
    const login = await client
      .post(urlFor('session.store'))
      .form({ email: newOwner.email, password: newOwner.password })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', urlFor('client.home'))
  })

  test('the login page after a sign-up has the email filled in and the message', async ({
    client,
  }) => {
    const page = await client
      .get(urlFor('session.create'))
      .withFlashMessages({ success: SIGNED_UP_MESSAGE, email: 'sita.sharma@example.com' })
    page.assertStatus(200)
    page.assertTextIncludes('value="sita.sharma@example.com"')
    page.assertTextIncludes('Log in with the email and password you chose.')
  })

  test('invalid fields come back with a message for each, and the input typed', async ({
    client,
  }) => {
    const response = await client
      .post(urlFor('register.store'))
      .form({
        fullName: 'S',
        email: 'not-an-email',
        phone: '12345',
        password: 'short',
        passwordConfirmation: 'other',
        role: 'landlord',
      })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      fullName: ['name must be at least 2 characters'],
      email: ['Please enter a valid email address'],
      phone: ['Enter a Nepali mobile number, e.g. 98XXXXXXXX'],
      password: ['password must be at least 8 characters'],
      role: ['Please choose one of the options'],
    })
    response.assertFlashMessage('fullName', 'S')
    response.assertFlashMessage('email', 'not-an-email')
  })

  test('the form shows each message next to its field and keeps old input', async ({ client }) => {
    const response = await client.get(urlFor('register.create')).withFlashMessages({
      inputErrorsBag: { email: ['Please enter a valid email address'] },
      email: 'not-an-email',
      fullName: 'Sita',
    })
    response.assertStatus(200)
    response.assertTextIncludes('data-error-for="email">Please enter a valid email address')
    response.assertTextIncludes('value="not-an-email"')
    response.assertTextIncludes('value="Sita"')
  })

  test('a form posted without the CSRF token is refused', async ({ client, assert }) => {
    const response = await client.post(urlFor('register.store')).form(newOwner).redirects(0)
    assert.oneOf(response.status(), [302, 403])
    assert.isNull(await User.findBy('email', 'sita.sharma@example.com'))
  })

  test('pages carry security headers', async ({ client }) => {
    const response = await client.get(urlFor('register.create'))
    response.assertHeader('x-frame-options', 'DENY')
    response.assertHeader('x-content-type-options', 'nosniff')
  })
})

test.group('Accounts / log in and out', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('a wrong password is refused with a message and nobody is logged in', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: 'wrong-password' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { E_INVALID_CREDENTIALS: 'Invalid user credentials' })

    const home = await client.get(urlFor('client.home')).redirects(0)
    home.assertHeader('location', urlFor('session.create'))
  })

  test('owners land on their rooms and clients on their home', async ({ client }) => {
    const owner = await UserFactory.apply('owner').create()
    const ownerLogin = await client
      .post(urlFor('session.store'))
      .form({ email: owner.email.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    ownerLogin.assertHeader('location', urlFor('owner.rooms.index'))

    const user = await UserFactory.create()
    const clientLogin = await client
      .post(urlFor('session.store'))
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    clientLogin.assertHeader('location', urlFor('client.home'))
  })

  test('logging out ends the session', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .post(urlFor('session.destroy'))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('rooms.index'))
    response.assertFlashMessage('success', 'You are logged out.')
  })

  test('logging out with this device’s endpoint stops its push notifications', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const [thisDevice, otherDevice] = await PushSubscriptionFactory.merge({
      userId: user.id,
    }).createMany(2)
    const response = await client
      .post(urlFor('session.destroy'))
      .form({ push_endpoint: thisDevice.endpoint })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('rooms.index'))
    assert.isNull(await PushSubscription.find(thisDevice.id))
    assert.isNotNull(await PushSubscription.find(otherDevice.id))

    // Without an endpoint, the devices stay.
    await client.post(urlFor('session.destroy')).loginAs(user).withCsrfToken().redirects(0)
    assert.isNotNull(await PushSubscription.find(otherDevice.id))
  })

  test('pages that need an account send visitors to log in', async ({ client }) => {
    for (const url of [
      urlFor('client.home'),
      urlFor('owner.rooms.index'),
      urlFor('owner.rooms.create'),
    ]) {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', urlFor('session.create'))
    }
  })
})
