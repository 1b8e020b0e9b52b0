import { DateTime } from 'luxon'

/**
 * Kotha shows every time in Nepal time, whatever the server's timezone.
 */
export const NEPAL_TIMEZONE = 'Asia/Kathmandu'

const nprFormatter = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 })

/**
 * An amount of Nepali rupees as people write it: "Rs. 12,000" (lakh grouping
 * for large amounts: "Rs. 1,20,000").
 */
export function formatNpr(amount: number | string) {
  return `Rs. ${nprFormatter.format(Number(amount))}`
}

/**
 * A moment in Nepal time, e.g. "26 Nov 2026, 11:08 PM".
 */
export function formatNepalTime(
  value: DateTime | Date | string | null | undefined,
  format = 'd LLL yyyy, h:mm a'
) {
  const moment = toDateTime(value)
  return moment ? moment.setZone(NEPAL_TIMEZONE).toFormat(format) : ''
}

/**
 * A day in Nepal time, e.g. "26 Nov 2026".
 */
export function formatNepalDate(value: DateTime | Date | string | null | undefined) {
  return formatNepalTime(value, 'd LLL yyyy')
}

function toDateTime(value: DateTime | Date | string | null | undefined) {
  if (!value) return null
  if (DateTime.isDateTime(value)) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  return DateTime.fromISO(value)
}
