import { DateTime } from 'luxon'

/**
 * Kotha shows every time in Nepal time, whatever the server's timezone.
 */
export const NEPAL_TIMEZONE = 'Asia/Kathmandu'

/**
 * Nepal has kept UTC+05:45 all year since 1 January 1986 (it was +05:30
 * before). Shifting by a constant is what makes formatting cheap: luxon's
 * conversion through Intl was a quarter of the chat API's CPU. Older
 * instants still go through luxon and the time zone database.
 */
const NEPAL_OFFSET_MS = (5 * 60 + 45) * 60 * 1000
const FIXED_OFFSET_SINCE_MS = Date.UTC(1985, 11, 31, 18, 30)

const nprFormatter = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 })

/**
 * An amount of Nepali rupees as people write it: "Rs. 12,000" (lakh grouping
 * for large amounts: "Rs. 1,20,000").
 */
export function formatNpr(amount: number | string) {
  return `Rs. ${nprFormatter.format(Number(amount))}`
}

type Moment = DateTime | Date | string | null | undefined

/**
 * A moment in Nepal time, e.g. "26 Nov 2026, 11:08 PM". The format uses
 * luxon's tokens (d dd LLL LLLL yyyy h hh H HH mm ss a ccc cccc, 'quoted'
 * text); luxon formats any other.
 */
export function formatNepalTime(value: Moment, format = 'd LLL yyyy, h:mm a') {
  const millis = toMillis(value)
  if (millis === null) return ''
  const parts = compiledFormat(format)
  if (!parts || millis < FIXED_OFFSET_SINCE_MS) {
    return DateTime.fromMillis(millis).setZone(NEPAL_TIMEZONE).toFormat(format)
  }
  const wallClock = new Date(millis + NEPAL_OFFSET_MS)
  let text = ''
  for (const part of parts) text += typeof part === 'string' ? part : part(wallClock)
  return text
}

/**
 * A day in Nepal time, e.g. "26 Nov 2026".
 */
export function formatNepalDate(value: Moment) {
  return formatNepalTime(value, 'd LLL yyyy')
}

function toMillis(value: Moment): number | null {
  if (!value) return null
  if (value instanceof Date) return value.getTime()
  if (DateTime.isDateTime(value)) return value.toMillis()
  const parsed = DateTime.fromISO(value)
  return parsed.isValid ? parsed.toMillis() : null
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

const pad = (value: number) => String(value).padStart(2, '0')
const hour12 = (date: Date) => date.getUTCHours() % 12 || 12

/** Each token reads the Nepal wall clock (a Date shifted so its UTC fields are Nepal's). */
const TOKENS: Record<string, (date: Date) => string> = {
  d: (date) => String(date.getUTCDate()),
  dd: (date) => pad(date.getUTCDate()),
  LLL: (date) => MONTHS[date.getUTCMonth()],
  LLLL: (date) => LONG_MONTHS[date.getUTCMonth()],
  yyyy: (date) => String(date.getUTCFullYear()),
  h: (date) => String(hour12(date)),
  hh: (date) => pad(hour12(date)),
  H: (date) => String(date.getUTCHours()),
  HH: (date) => pad(date.getUTCHours()),
  mm: (date) => pad(date.getUTCMinutes()),
  ss: (date) => pad(date.getUTCSeconds()),
  a: (date) => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
  ccc: (date) => WEEKDAYS[date.getUTCDay()].slice(0, 3),
  cccc: (date) => WEEKDAYS[date.getUTCDay()],
}

type FormatPart = string | ((date: Date) => string)
const compiledFormats = new Map<string, FormatPart[] | null>()

/** A format split once into literal text and token readers; null if it has a token we don't know. */
function compiledFormat(format: string): FormatPart[] | null {
  let parts = compiledFormats.get(format)
  if (parts !== undefined) return parts
  parts = []
  for (const [piece] of format.matchAll(/'[^']*'|([a-zA-Z])\1*|[^a-zA-Z']+/g)) {
    if (piece.startsWith("'")) parts.push(piece.slice(1, -1))
    else if (/^[a-zA-Z]/.test(piece)) {
      const token = TOKENS[piece]
      if (!token) {
        parts = null
        break
      }
      parts.push(token)
    } else parts.push(piece)
  }
  compiledFormats.set(format, parts)
  return parts
}
