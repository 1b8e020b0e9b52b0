import { test } from '@japa/runner'
import {
  CallStatus,
  assertCallTransition,
  canTransitionCall,
  IllegalCallTransition,
} from '#calls/enums/call_status'
import { formatCallDuration } from '#calls/call_entry_text'

test.group('Call state machine', () => {
  const all = Object.values(CallStatus)
  const allowed: [CallStatus, CallStatus][] = [
    [CallStatus.Ringing, CallStatus.Accepted],
    [CallStatus.Ringing, CallStatus.Rejected],
    [CallStatus.Ringing, CallStatus.Missed],
    [CallStatus.Ringing, CallStatus.Cancelled],
    [CallStatus.Ringing, CallStatus.Failed],
    [CallStatus.Accepted, CallStatus.Ended],
    [CallStatus.Accepted, CallStatus.Failed],
  ]

  test('exactly the listed transitions are allowed; every other one is refused', ({ assert }) => {
    for (const from of all) {
      for (const to of all) {
        const expected = allowed.some(([a, b]) => a === from && b === to)
        assert.equal(canTransitionCall(from, to), expected, `${from} → ${to}`)
        if (expected) assert.doesNotThrow(() => assertCallTransition(from, to))
        else assert.throws(() => assertCallTransition(from, to), IllegalCallTransition)
      }
    }
  })

  test('busy and every ending are final', ({ assert }) => {
    for (const final of [
      CallStatus.Busy,
      CallStatus.Ended,
      CallStatus.Rejected,
      CallStatus.Missed,
      CallStatus.Cancelled,
      CallStatus.Failed,
    ]) {
      assert.isFalse(
        all.some((to) => canTransitionCall(final, to)),
        final
      )
    }
  })

  test('durations read as people say them', ({ assert }) => {
    assert.equal(formatCallDuration(42), '42 s')
    assert.equal(formatCallDuration(252), '4 min 12 s')
    assert.equal(formatCallDuration(3780), '1 h 3 min')
  })
})
