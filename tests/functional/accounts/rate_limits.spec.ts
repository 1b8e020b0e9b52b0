import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import limits from '#config/limits'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { UserRole } from '#accounts/enums/user_role'
import { withRollback } from '#tests/helpers/app'
import { setLimit, withFreshLimits } from '#tests/helpers/limits'

/** A login from an address (the test client is a trusted loopback proxy: X-Forwarded-For counts). */
function logIn(client: ApiClient, email: string, password: string, ip = '198.51.100.1') {
  return client
    .post(urlFor('session.store'))
    .form({ email, password })
    .header('x-forwarded-for', ip)
    .withCsrfToken()
    .redirects(0)
}

type Answer = Awaited<ReturnType<typeof logIn>>

/** A login answered with the form again, 429, Retry-After and the message next to the form. */
function assertRefusedOnTheForm(response: Answer, assert: { isAtLeast: Function }) {
  response.assertStatus(429)
  assert.isAtLeast(Number(response.header('retry-after')), 1)
  response.assertTextIncludes('data-error-for="rate-limit">Too many attempts. Please wait')
  response.assertTextIncludes('action="/login"')
}

test.group('Limits / logging in', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('password spraying: the 31st failed login from one address, across accounts, is 429', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.loginPerIp, { requests: 30, seconds: 600 })
    const victim = await UserFactory.create()
    for (let account = 1; account <= 30; account++) {
      const response = await logIn(client, `person${account}@example.com`, 'Spring2024!')
      response.assertStatus(302)
      response.assertFlashMessage('errorsBag', {
        E_INVALID_CREDENTIALS: 'Invalid user credentials',
      })
    }

    // The 31st, even with the right password of a real account: refused unchecked.
    const refused = await logIn(client, victim.email, TEST_PASSWORD)
    assertRefusedOnTheForm(refused, assert)
    assert.isAtLeast(Number(refused.header('retry-after')), 590)
    refused.assertTextIncludes(`value="${victim.email}"`)
    refused.assertSessionMissing('auth_web')

    // The same person from another address is let in.
    const elsewhere = await logIn(client, victim.email, TEST_PASSWORD, '198.51.100.2')
    elsewhere.assertHeader('location', urlFor('client.home'))
  })

  test('successful logins do not count toward the address’s limit', async ({ client }) => {
    const cleanup = setLimit('loginPerIp', 3)
    try {
      const user = await UserFactory.create()
      for (let round = 0; round < 5; round++) {
        ;(await logIn(client, user.email, TEST_PASSWORD)).assertHeader(
          'location',
          urlFor('client.home')
        )
      }
      for (let round = 0; round < 3; round++) {
        ;(await logIn(client, user.email, 'wrong-password')).assertStatus(302)
      }
      ;(await logIn(client, user.email, TEST_PASSWORD)).assertStatus(429)
    } finally {
      cleanup()
    }
  })

  test('one account: 5 failed logins from 5 addresses lock it, and it alone', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.loginPerAccount, { requests: 5, seconds: 900 })
    const victim = await UserFactory.create()
    const other = await UserFactory.apply('owner').create()
    for (let attempt = 1; attempt <= 5; attempt++) {
      ;(await logIn(client, victim.email, `guess-${attempt}`, `203.0.113.${attempt}`)).assertStatus(
        302
      )
    }
    // Any address, even with the right password, whatever the email's case: locked for now.
    const locked = await logIn(client, victim.email.toUpperCase(), TEST_PASSWORD, '203.0.113.99')
    assertRefusedOnTheForm(locked, assert)
    assert.isAtLeast(Number(locked.header('retry-after')), 890)

    // Another account from the same addresses is not.
    const fine = await logIn(client, other.email, TEST_PASSWORD, '203.0.113.1')
    fine.assertHeader('location', urlFor('owner.rooms.index'))
  })

  test('a successful login clears the account’s count', async ({ client }) => {
    const user = await UserFactory.create()
    for (let round = 0; round < 2; round++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        ;(await logIn(client, user.email, 'wrong-password', `192.0.2.${attempt}`)).assertStatus(302)
      }
      // 4 failures, then the real person: in, and counting starts again (8 failures, never locked).
      ;(await logIn(client, user.email, TEST_PASSWORD)).assertHeader(
        'location',
        urlFor('client.home')
      )
    }
  })

  test('the lock ends with its window: the real person is never locked out for good', async ({
    client,
    assert,
  }) => {
    const cleanup = setLimit('loginPerAccount', 2, 1)
    try {
      const user = await UserFactory.create()
      ;(await logIn(client, user.email, 'wrong-1')).assertStatus(302)
      ;(await logIn(client, user.email, 'wrong-2')).assertStatus(302)
      const locked = await logIn(client, user.email, TEST_PASSWORD)
      locked.assertStatus(429)
      assert.equal(locked.header('retry-after'), '1')
      await sleep(1100)
      ;(await logIn(client, user.email, TEST_PASSWORD)).assertHeader(
        'location',
        urlFor('client.home')
      )
    } finally {
      cleanup()
    }
  })
})

test.group('Limits / signing up', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('sign-ups past the address’s limit: 429 on the form, with what was typed', async ({
    client,
    assert,
  }) => {
    assert.deepEqual(limits.registerPerIp, { requests: 10, seconds: 600 })
    const cleanup = setLimit('registerPerIp', 2)
    try {
      const form = (n: number) => ({
        fullName: 'Ramesh Karki',
        email: `ramesh${n}@example.com`,
        phone: '9841000003',
        password: 'ramesh-pass-1',
        passwordConfirmation: 'ramesh-pass-1',
        role: UserRole.Owner,
      })
      const signUp = (n: number) =>
        client.post(urlFor('register.store')).form(form(n)).withCsrfToken().redirects(0)
      ;(await signUp(1)).assertStatus(302)
      ;(await signUp(2)).assertStatus(302)
      const refused = await signUp(3)
      refused.assertStatus(429)
      assert.isAtLeast(Number(refused.header('retry-after')), 1)
      refused.assertTextIncludes('data-error-for="rate-limit">Too many attempts. Please wait')
      refused.assertTextIncludes('value="ramesh3@example.com"')
      refused.assertTextIncludes('value="Ramesh Karki"')
      assert.notInclude(refused.text(), 'ramesh-pass-1')
    } finally {
      cleanup()
    }
  })
})
