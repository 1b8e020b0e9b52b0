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
