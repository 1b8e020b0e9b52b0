/**
 * Route matchers for record ids. An id outside what its column can hold
 * (or written with a leading zero, a sign or spaces) matches no route: a
 * 404, never a database error. Domains use them as
 * `.where('id', idParam())`.
 */

/** Largest value of a PostgreSQL `integer` (`increments`) column. */
export const MAX_INT_ID = 2_147_483_647

/**
 * Largest id of a `bigint` (`bigIncrements`) column that a JavaScript
 * number holds exactly (messages, call signals).
 */
export const MAX_BIG_ID = Number.MAX_SAFE_INTEGER

/**
 * A pattern for the whole numbers 1..max written canonically (no leading
 * zero), e.g. for 2147483647: up to 9 digits, or 10 digits not above it.
 */
export function positiveIntegerPattern(max: number) {
  const digits = String(max)
  const alternatives = digits.length > 1 ? [`[1-9]\\d{0,${digits.length - 2}}`] : []
  for (let index = 0; index < digits.length; index++) {
    const digit = Number(digits[index])
    const lowest = index === 0 ? 1 : 0
    if (digit > lowest) {
      const rest = digits.length - index - 1
      const range = digit - 1 === lowest ? `${lowest}` : `[${lowest}-${digit - 1}]`
      alternatives.push(`${digits.slice(0, index)}${range}${rest ? `\\d{${rest}}` : ''}`)
    }
  }
  alternatives.push(digits)
  return new RegExp(`^(?:${alternatives.join('|')})$`)
}

const INT_ID = positiveIntegerPattern(MAX_INT_ID)
const BIG_ID = positiveIntegerPattern(MAX_BIG_ID)

/** Whether a string is the id of an `integer` column (1..2147483647, canonical). */
export function isIntId(value: string) {
  return INT_ID.test(value)
}

/** An `integer` id route parameter, cast to a number. */
export function idParam() {
  return { match: INT_ID, cast: (value: string) => Number(value) }
}

/** A `bigint` id route parameter (1..2^53 - 1), cast to a number. */
export function bigIdParam() {
  return { match: BIG_ID, cast: (value: string) => Number(value) }
}
