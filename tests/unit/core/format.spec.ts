import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { formatNepalDate, formatNepalTime, formatNpr } from '#core/format'

test.group('Formatting', () => {
  test('amounts read as Nepali rupees', ({ assert }) => {
    assert.equal(formatNpr(30), 'Rs. 30')
    assert.equal(formatNpr(12000), 'Rs. 12,000')
    assert.equal(formatNpr('40000.00'), 'Rs. 40,000')
    assert.equal(formatNpr(120000), 'Rs. 1,20,000')
  })

  test('times are shown in Nepal time (UTC+5:45) whatever the server zone', ({ assert }) => {
    const moment = DateTime.fromISO('2026-11-26T18:20:00Z')
    assert.equal(formatNepalTime(moment), '27 Nov 2026, 12:05 AM')
    assert.equal(formatNepalDate(moment), '27 Nov 2026')
    assert.equal(formatNepalTime(new Date('2026-01-01T00:00:00Z'), 'HH:mm'), '05:45')
    assert.equal(formatNepalTime(null), '')
  })
})

test.group('Formatting | Nepal time without the time zone database', () => {
  const formats = [
    'd LLL yyyy, h:mm a',
    'd LLL yyyy',
    'h:mm a',
    'cccc, d LLL yyyy',
    'd LLL, h:mm a',
    'h:mm:ss a',
    'HH:mm',
    "dd LLLL yyyy 'at' hh:mm ccc",
  ]

  test('reads exactly as luxon in Asia/Kathmandu, for {$self}')
    .with(formats)
    .run(({ assert }, format) => {
      // A spread of instants from 1986 to 2040: midnights, noons, month and year ends.
      const start = Date.UTC(1986, 0, 1)
      // Every 27 h 17 min 11 s: each hour and minute of the day comes round.
      const step = ((27 * 60 + 17) * 60 + 11) * 1000
      for (let millis = start; millis < Date.UTC(2040, 0, 1); millis += step) {
        const expected = DateTime.fromMillis(millis).setZone('Asia/Kathmandu').toFormat(format)
        assert.equal(formatNepalTime(new Date(millis), format), expected)
      }
    })

  test('before 1986 (UTC+05:30), and unknown tokens, go through luxon', ({ assert }) => {
    assert.equal(formatNepalTime(new Date('1985-06-01T00:00:00Z'), 'HH:mm'), '05:30')
    const moment = DateTime.fromISO('2026-11-26T18:20:00Z')
    assert.equal(formatNepalTime(moment, 'ZZ'), '+05:45')
    assert.equal(formatNepalTime('not a date'), '')
  })
})
