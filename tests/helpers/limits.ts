import limiter from '@adonisjs/limiter/services/main'
import type { Group } from '@japa/runner/core'
import limits, { type LimitName } from '#config/limits'

/**
 * Rate limits in tests. Tests share one address (127.0.0.1); every test of
 * the functional and browser suites starts with no request counted
 * (tests/bootstrap.ts), and a test that needs more requests than a limit
 * allows raises that one limit for itself with `setLimit`.
 */

/**
 * Every test of the group starts and ends with no request counted in the
 * memory store (tests/bootstrap.ts clears every store before each test,
 * before its transaction begins: clearing the database store inside a
 * test's global transaction would lock the counters' rows).
 */
export function withFreshLimits(group: Group) {
  group.each.setup(async () => {
    await limiter.clear(['memory'])
    return () => limiter.clear(['memory'])
  })
}

/**
 * Sets a limit for the rest of a test; returns what puts it back, e.g.
 * `cleanup(setLimit('esewaCallbackPerTransaction', 50))`.
 */
export function setLimit(name: LimitName, requests: number, seconds?: number) {
  const before = { ...limits[name] }
  limits[name].requests = requests
  if (seconds !== undefined) limits[name].seconds = seconds
  return () => {
    Object.assign(limits[name], before)
  }
}
