import { Exception } from '@adonisjs/core/exceptions'

/**
 * PostgreSQL data exceptions that only input can cause: a NUL in text or
 * JSON (22021, 22P05), a number out of its column's range (22003), text
 * that is not the column's type (22P02), a value longer than its column
 * (22001). Validators and route matchers refuse such input first; this is
 * the net under them, so a value they missed is a 400, never a 500.
 */
const INPUT_SQLSTATES = new Set(['22001', '22003', '22021', '22P02', '22P05'])

export function isInvalidInputError(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && INPUT_SQLSTATES.has(code)
}

/** The 400 answered instead (E_INVALID_INPUT), in the API's error shape or as a page. */
export function invalidInput(error: unknown) {
  return new Exception('The request has a value Kotha cannot store', {
    status: 400,
    code: 'E_INVALID_INPUT',
    cause: error,
  })
}
