import type { HttpContext } from '@adonisjs/core/http'

/**
 * A form that fails validation comes back with its messages and the text
 * typed, through the session's flash messages. With the cookie store they
 * ride in the session cookie, which browsers drop above 4 KB (and with it
 * the messages): 100 refused files made a 24 KB cookie. So what is flashed
 * stays small, whatever was sent:
 * - at most 3 messages per field, of at most 200 characters, and 3 items
 *   per list (`photos.0`, `photos.1`, `photos.2`) with one line for the
 *   rest; about 1,200 bytes of messages in all;
 * - only text input (never a file, an object or a password), about 1,500
 *   bytes in all: a value that does not fit is left out, not cut.
 */
export const FLASH_LIMITS = {
  messagesPerField: 3,
  itemsPerList: 3,
  messageLength: 200,
  messageBytes: 1200,
  inputBytes: 1500,
}

const NEVER_FLASHED = new Set([
  '_csrf',
  '_method',
  'password',
  'passwordConfirmation',
  'password_confirmation',
])

type FieldMessage = { field: string; message: string }

const bytes = (value: string) => Buffer.byteLength(value)

/** `photos.17.x` → `photos` (the list), or null for a field not inside a list. */
function listOf(field: string) {
  const parts = field.split('.')
  const index = parts.findIndex((part) => /^\d+$/.test(part))
  return index > 0 ? parts.slice(0, index).join('.') : null
}

/** The messages by field, within FLASH_LIMITS. */
export function compactErrors(messages: FieldMessage[]) {
  const bag: Record<string, string[]> = {}
  const leftOut = new Map<string, number>()
  const itemsShown = new Map<string, Set<string>>()
  let used = 0
  for (const { field, message } of messages) {
    const list = listOf(field)
    const items = list ? (itemsShown.get(list) ?? new Set<string>()) : null
    if (list && items) itemsShown.set(list, items)
    const text = String(message).slice(0, FLASH_LIMITS.messageLength)
    const tooMany =
      (bag[field]?.length ?? 0) >= FLASH_LIMITS.messagesPerField ||
      (items !== null && !items.has(field) && items.size >= FLASH_LIMITS.itemsPerList) ||
      used + bytes(field) + bytes(text) > FLASH_LIMITS.messageBytes
    if (tooMany) {
      const summaryKey = list ?? field
      leftOut.set(summaryKey, (leftOut.get(summaryKey) ?? 0) + 1)
      continue
    }
    items?.add(field)
    ;(bag[field] ??= []).push(text)
    used += bytes(field) + bytes(text)
  }
  for (const [field, count] of leftOut) {
    ;(bag[field] ??= []).push(`…and ${count} more like ${count === 1 ? 'this' : 'these'}`)
  }
  return bag
}

/** The text fields of the form, within FLASH_LIMITS.inputBytes. */
export function compactInput(input: Record<string, unknown>) {
  const kept: Record<string, string> = {}
  let used = 0
  for (const [field, value] of Object.entries(input)) {
    if (NEVER_FLASHED.has(field) || typeof value !== 'string') continue
    const size = bytes(field) + bytes(value)
    if (used + size > FLASH_LIMITS.inputBytes) continue
    kept[field] = value
    used += size
  }
  return kept
}

/**
 * What `session.flashValidationErrors` does (messages in `inputErrorsBag`,
 * a summary in `errorsBag`, the input typed), within FLASH_LIMITS.
 */
export function flashValidationErrors(
  { request, session }: HttpContext,
  error: { code?: string; messages: FieldMessage[] }
) {
  session.flash(compactInput(request.original()))
  session.flashErrors({
    [String(error.code ?? 'E_VALIDATION_ERROR')]:
      'The form could not be saved. Please check the errors below.',
  })
  session.flash('inputErrorsBag', compactErrors(error.messages))
}
