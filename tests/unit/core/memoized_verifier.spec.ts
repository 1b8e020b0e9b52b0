import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { MessageVerifier } from '@boringnode/encryption/message_verifier'
import { memoizeVerifier } from '#core/http/memoized_verifier'

const SECRET = 'a-test-secret-of-enough-length'

test.group('Signed cookies / the remembering verifier', () => {
  test('signs exactly as the library does, and reads what the library signed', ({ assert }) => {
    const library = new MessageVerifier([SECRET])
    const remembering = new MessageVerifier([SECRET])
    memoizeVerifier(remembering)
    for (const value of ['session-id-1', 'another', 'ünïcode ✓']) {
      assert.equal(
        remembering.sign(value, undefined, 'adonis-session'),
        library.sign(value, undefined, 'adonis-session')
      )
      assert.equal(
        remembering.sign(value, undefined, 'adonis-session'),
        library.sign(value, undefined, 'adonis-session')
      )
      const signed = library.sign(value, undefined, 'adonis-session')
      assert.equal(remembering.unsign(signed, 'adonis-session'), value)
      assert.equal(remembering.unsign(signed, 'adonis-session'), value, 'from memory')
    }
  })

  test('an altered signature, another purpose or another key is refused, also after a success', ({
    assert,
  }) => {
    const verifier = new MessageVerifier([SECRET])
    memoizeVerifier(verifier)
    const signed = verifier.sign('session-id', undefined, 'adonis-session')
    assert.equal(verifier.unsign(signed, 'adonis-session'), 'session-id')
    const [encoded, hmac] = signed.split('.')
    const flipped = hmac[0] === 'A' ? `B${hmac.slice(1)}` : `A${hmac.slice(1)}`
    assert.isNull(verifier.unsign(`${encoded}.${flipped}`, 'adonis-session'))
    assert.isNull(verifier.unsign(signed, 'remember_web'))
    const otherKey = new MessageVerifier(['another-secret-of-enough-length'])
    memoizeVerifier(otherKey)
    assert.isNull(otherKey.unsign(signed, 'adonis-session'))
  })

  test('a value signed with an expiry is checked again each time, so it expires', async ({
    assert,
  }) => {
    const verifier = new MessageVerifier([SECRET])
    const memory = memoizeVerifier(verifier)
    const signed = verifier.sign('short-lived', '1s', 'purpose')
    assert.equal(verifier.unsign(signed, 'purpose'), 'short-lived')
    assert.equal(memory.verifiedCount(), 0)
    await sleep(1100)
    assert.isNull(verifier.unsign(signed, 'purpose'))
  })
})
