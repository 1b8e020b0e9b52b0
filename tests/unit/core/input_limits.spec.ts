import { test } from '@japa/runner'
import { MAX_BIG_ID, MAX_INT_ID, positiveIntegerPattern } from '#core/http/route_params'
import { parseRateLimit } from '#config/limits'
import { compactErrors, compactInput, FLASH_LIMITS } from '#core/http/compact_flash'
import { containsControlCharacters, textProblem } from '#core/validators/plain_text'
import { limitKey } from '#core/http/rate_limits'

test.group('Input limits / id patterns', () => {
  test('1..max exactly, written canonically', ({ assert }) => {
    for (const max of [1, 9, 10, 19, 20, 100, 4096, MAX_INT_ID, MAX_BIG_ID]) {
      const pattern = positiveIntegerPattern(max)
      for (const n of [1, 2, 9, 10, 11, 99, 100, max - 1, max]) {
        if (n >= 1 && n <= max) assert.isTrue(pattern.test(String(n)), `${n} ≤ ${max}`)
      }
      for (const n of [0, max + 1, max + 10, max * 10]) {
        assert.isFalse(pattern.test(String(n)), `${n} vs ${max}`)
      }
      for (const text of ['01', '-1', '+1', ' 1', '1 ', '1e3', '1.0', '', 'abc']) {
        assert.isFalse(pattern.test(text), JSON.stringify(text))
      }
    }
    assert.isTrue(positiveIntegerPattern(MAX_INT_ID).test('2147483647'))
    assert.isFalse(positiveIntegerPattern(MAX_INT_ID).test('2147483648'))
    assert.isTrue(positiveIntegerPattern(MAX_BIG_ID).test('9007199254740991'))
    assert.isFalse(positiveIntegerPattern(MAX_BIG_ID).test('9007199254740992'))
  })
})

test.group('Input limits / settings, keys, text', () => {
  test('rate limit settings read as <requests>/<window>', ({ assert }) => {
    assert.deepEqual(parseRateLimit('30/10m'), { requests: 30, seconds: 600 })
    assert.deepEqual(parseRateLimit(' 5 / 15m '), { requests: 5, seconds: 900 })
    assert.deepEqual(parseRateLimit('300/1h'), { requests: 300, seconds: 3600 })
    assert.throws(() => parseRateLimit('30 per minute'))
  })

  test('counter keys carry no raw input and always fit 255 characters', ({ assert }) => {
    assert.equal(limitKey('login_ip', '203.0.113.5'), 'login_ip_203.0.113.5')
    assert.equal(limitKey('login_ip', '::ffff:127.0.0.1'), 'login_ip_::ffff:127.0.0.1')
    assert.notInclude(limitKey('x', 'a b\u0000/c'), ' ')
    assert.isAtMost(limitKey('typing', 'x'.repeat(10_000)).length, 120)
  })

  test('control characters: none anywhere; line breaks and tabs only in multi-line text', ({
    assert,
  }) => {
    assert.isNull(textProblem('Namaste, Kathmandu! नमस्ते 🙏', false))
    assert.isNull(textProblem('two\nlines\r\nand\ta tab', true))
    assert.equal(textProblem('two\nlines', false), 'text.singleLine')
    for (const character of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f']) {
      assert.equal(textProblem(`a${character}b`, true), 'text.control')
    }
    assert.isTrue(containsControlCharacters({ sdp: 'v=0\r\n', deep: [{ x: 'a\u0000' }] }))
    assert.isFalse(containsControlCharacters({ sdp: 'v=0\r\no=- 1\r\n', n: 1, ok: true }))
    assert.isTrue(containsControlCharacters({ ['k\u0000']: 'v' }))
  })
})

test.group('Input limits / flashed messages and input', () => {
  test('a few messages per field and items per list, one line for the rest', ({ assert }) => {
    const messages = [
      { field: 'title', message: 'one' },
      ...Array.from({ length: 5 }, (_, n) => ({ field: 'title', message: `title ${n}` })),
      ...Array.from({ length: 100 }, (_, n) => ({
        field: `photos.${n}`,
        message: 'x'.repeat(500),
      })),
    ]
    const bag = compactErrors(messages)
    assert.deepEqual(bag.title, ['one', 'title 0', 'title 1', '…and 3 more like these'])
    assert.deepEqual(Object.keys(bag), ['title', 'photos.0', 'photos.1', 'photos.2', 'photos'])
    assert.lengthOf(bag['photos.0'][0], FLASH_LIMITS.messageLength)
    assert.deepEqual(bag.photos, ['…and 97 more like these'])
    assert.isBelow(Buffer.byteLength(JSON.stringify(bag)), FLASH_LIMITS.messageBytes + 200)
  })

  test('only text input, no password, within the budget', ({ assert }) => {
    const input = compactInput({
      _csrf: 'token',
      title: 'A room',
      password: 'secret',
      passwordConfirmation: 'secret',
      photos: [{ clientName: 'a.jpg' }],
      file: { tmpPath: '/tmp/x' },
      description: 'x'.repeat(5000),
      locality: 'Baneshwor',
    })
    assert.deepEqual(input, { title: 'A room', locality: 'Baneshwor' })
  })
})
