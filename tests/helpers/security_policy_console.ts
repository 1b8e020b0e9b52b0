import { decoratorsCollection } from '@japa/browser-client'
import type { PluginFn } from '@japa/runner/types'

/**
 * What Chromium prints when a page's Content-Security-Policy or
 * Permissions-Policy refuses something ("Refused to execute inline script
 * because it violates the following Content Security Policy directive…",
 * "Potential permissions policy violation: camera is not allowed…") or when
 * the header itself is wrong ("Error with Permissions-Policy header…").
 */
const POLICY_MESSAGE = /content[ -]security[ -]policy|permissions[ -]policy/i

let seen: string[] = []

/** The policy messages of every page of the current test so far. */
export function securityPolicyMessages() {
  return [...seen]
}

/**
 * A Japa plugin (tests/bootstrap.ts): every browser context of the browser
 * suite, the test's own and any a test opens (`browser.newContext()`),
 * records its pages' policy messages; a test whose pages had any fails at
 * its teardown with the list.
 */
export function failOnSecurityPolicyMessages(): PluginFn {
  decoratorsCollection.register({
    context(context) {
      context.on('console', (message) => {
        if (POLICY_MESSAGE.test(message.text())) {
          seen.push(`${message.page()?.url() ?? '(no page)'}: ${message.text()}`)
        }
      })
    },
  })
  const check = () => {
    const found = seen
    seen = []
    if (found.length > 0) {
      throw new Error(`The browser reported security policy violations:\n${found.join('\n')}`)
    }
  }
  return ({ runner }) => {
    runner.onSuite((suite) => {
      if (suite.name !== 'browser') return
      suite.onGroup((group) => group.each.teardown(check))
      suite.onTest((test) => test.teardown(check))
    })
  }
}
