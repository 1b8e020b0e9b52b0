import { roomCityLabels, type RoomCity } from '#rooms/enums/room_city'
import { roomTypeLabels, type RoomType } from '#rooms/enums/room_type'

/**
 * What the ceiling's pages need to show values as Kotha does: escaped
 * text, rupees, Nepal time (a fixed UTC+05:45, as #core/format does for
 * every date since 1986), the labels of the enums.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: unknown) {
  return String(value ?? '').replace(/[&<>"']/g, (character) => ESCAPES[character])
}

const rupees = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 })

export const npr = (amount: number | string) => `Rs. ${rupees.format(Number(amount))}`

const NEPAL_OFFSET_MS = (5 * 60 + 45) * 60 * 1000
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function wallClock(value: Date | string) {
  return new Date(new Date(value).getTime() + NEPAL_OFFSET_MS)
}

function clock(time: Date) {
  const hours = time.getUTCHours()
  const minutes = String(time.getUTCMinutes()).padStart(2, '0')
  return `${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`
}

/** "26 Nov 2026" */
export function nepalDate(value: Date | string) {
  const time = wallClock(value)
  return `${time.getUTCDate()} ${MONTHS[time.getUTCMonth()]} ${time.getUTCFullYear()}`
}

/** "26 Nov, 11:08 PM" (the inbox) */
export function nepalDayTime(value: Date | string) {
  const time = wallClock(value)
  return `${time.getUTCDate()} ${MONTHS[time.getUTCMonth()]}, ${clock(time)}`
}

/** "26 Nov 2026, 11:08 PM" (receipts) */
export function nepalDateTime(value: Date | string) {
  return `${nepalDate(value)}, ${clock(wallClock(value))}`
}

/** "11:08 PM" and "Thursday, 26 Nov 2026" (a message's time and day) */
export function messageTimes(value: Date | string) {
  const time = wallClock(value)
  return { time: clock(time), day: `${DAYS[time.getUTCDay()]}, ${nepalDate(value)}` }
}

export const cityLabel = (city: string) => roomCityLabels[city as RoomCity] ?? city
export const typeLabel = (type: string) => roomTypeLabels[type as RoomType] ?? type
export { roomCityLabels, roomTypeLabels }
