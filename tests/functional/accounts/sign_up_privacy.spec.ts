import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import { UserRole } from '#accounts/enums/user_role'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { SIGNED_UP_MESSAGE } from '#accounts/controllers/register_controller'
import { withRollback } from '#tests/helpers/app'
import { setLimit, withFreshLimits } from '#tests/helpers/limits'

const form = (email: string) => ({
  fullName: 'Mallory Thapa',
  email,
  phone: '9841000002',
  password: 'another-pass-9',
  passwordConfirmation: 'another-pass-9',
  role: UserRole.Owner,
})

function signUp(client: ApiClient, email: string) {
  return client.post(urlFor('register.store')).form(form(email)).withCsrfToken().redirects(0)
}

/**
 * Everything a sign-up's answer shows: status, where it leads, what it
 * flashes (but the email typed, shown back as typed), the cookies it sets.
 */
function visibleAnswer(response: Awaited<ReturnType<typeof signUp>>) {
  const { email, ...flash } = response.flashMessages()
  return {
    status: response.status(),
    location: response.header('location'),
    flash,
    emailShownBack: typeof email === 'string',
    cookies: Object.keys(response.cookies()).sort(),
    loggedIn: response.session('auth_web') !== undefined,
  }
}

test.group('Accounts / sign-up does not tell which emails are registered', (group) => {
  withRollback(group)
  withFreshLimits(group)

  test('a registered email gets exactly the answer a new one gets, and changes nothing', async ({
    client,
    assert,
  }) => {
    const existing = await UserFactory.merge({
      email: 'sita.sharma@example.com',
      fullName: 'Sita Sharma',
    }).create()

    const taken = await signUp(client, 'Sita.Sharma@Example.com')
    const fresh = await signUp(client, 'new.person@example.com')

    assert.deepEqual(visibleAnswer(taken), visibleAnswer(fresh))
    assert.containSubset(visibleAnswer(taken), {
      status: 302,
      location: urlFor('session.create'),
      flash: { success: SIGNED_UP_MESSAGE },
      emailShownBack: true,
      loggedIn: false,
    })
    assert.equal(taken.flashMessages().email, 'sita.sharma@example.com')
    assert.equal(fresh.flashMessages().email, 'new.person@example.com')

    // The existing account is untouched: same name, role and password, and only one of it.
    await existing.refresh()
    assert.equal(existing.fullName, 'Sita Sharma')
    assert.equal(existing.role, UserRole.Client)
    assert.isTrue(await hash.verify(existing.password, TEST_PASSWORD))
    const sameEmail = await User.query().whereRaw('lower(email) = ?', ['sita.sharma@example.com'])
    assert.lengthOf(sameEmail, 1)
    // The new one exists.
    assert.isNotNull(await User.findBy('email', 'new.person@example.com'))
  })

  test('the page shown after the sign-up reads the same for a taken and a new email', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ email: 'sita.sharma@example.com' }).create()
    const pageAfter = async (email: string) => {
      const response = await signUp(client, email)
      const page = await client
        .get(response.header('location')!)
        .withFlashMessages(response.flashMessages())
      page.assertStatus(200)
      return (
        page
          .text()
          .replaceAll(email, '<email>')
          // Per-response tokens: the CSRF field and token, CSP nonces.
          .replace(/(name=.?_csrf.? value=|csrf-token.? content=|nonce=)(["'])[^"']*\2/g, '$1""')
      )
    }
    const taken = await pageAfter('sita.sharma@example.com')
    const fresh = await pageAfter('new.person@example.com')
    assert.equal(taken, fresh)
    assert.include(taken, 'Log in with the email and password you chose.')
    assert.notInclude(taken, 'already exists')
  })

  test('a taken email costs the same work as a new one (a password hash each)', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ email: 'sita.sharma@example.com' }).create()
    const timeOf = async (email: string) => {
      const started = performance.now()
      ;(await signUp(client, email)).assertStatus(302)
      return performance.now() - started
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const takenTimes: number[] = []
    const freshTimes: number[] = []
    for (let round = 0; round < 5; round++) {
      takenTimes.push(await timeOf('sita.sharma@example.com'))
      freshTimes.push(await timeOf(`new.${round}@example.com`))
    }
    // Skipping the hash would make the taken case several times faster.
    assert.isAbove(median(takenTimes), median(freshTimes) * 0.5)
    assert.isBelow(median(takenTimes), median(freshTimes) * 2)
  }).setup(() => setLimit('registerPerIp', 100))

  test('two sign-ups racing with one email make one account', async ({ client, assert }) => {
    const responses = await Promise.all([
      signUp(client, 'race@example.com'),
      signUp(client, 'RACE@example.com'),
      signUp(client, 'race@Example.com'),
    ])
    for (const response of responses) response.assertStatus(302)
    const accounts = await User.query().whereRaw('lower(email) = ?', ['race@example.com'])
    assert.lengthOf(accounts, 1)
  })
})
