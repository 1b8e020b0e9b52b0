import vine, { VineString } from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { Exception } from '@adonisjs/core/exceptions'

/**
 * Every `vine.string()` field is plain text: no NUL or other control
 * character (C0, DEL, C1), and on one line, unless the schema says
 * `.multiline()`, which allows line breaks and tabs (a room's description,
 * a chat message). Installed once for all validators by start/validator.ts,
 * so no field can forget it; the message is shown next to the field (422
 * for the API).
 */

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const LINE_BREAK_OR_TAB = /[\t\n\r]/

export type TextProblem = 'text.control' | 'text.singleLine'

export const TEXT_MESSAGES: Record<TextProblem, string> = {
  'text.control': '{{ field }} contains a control character (such as NUL); remove it',
  'text.singleLine': '{{ field }} must be on one line, without line breaks or tabs',
}

/** What is wrong with a text, or null when it is plain text. */
export function textProblem(value: string, multiline: boolean): TextProblem | null {
  if (CONTROL_CHARACTER.test(value)) return 'text.control'
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return 'text.singleLine'
  return null
}

/**
 * Whether any string inside a value (an object or array from a JSON body,
 * e.g. a WebRTC signal, whose SDP has line breaks) has a control character.
 */
export function containsControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return textProblem(value, true) !== null
  if (depth > 20 || value === null || typeof value !== 'object') return false
  return Object.entries(value).some(
    ([key, item]) => textProblem(key, true) !== null || containsControlCharacters(item, depth + 1)
  )
}

/**
 * For input read without a validator (eSewa's redirect query): a control
 * character anywhere is a 400, before anything is looked up or written.
 */
export function assertNoControlCharacters(value: unknown) {
  if (containsControlCharacters(value)) {
    throw new Exception('The request contains a control character', {
      status: 400,
      code: 'E_INVALID_INPUT',
    })
  }
}

const stringType = VineString.rules.string()

/**
 * VineJS's own "is a string" check, then the plain-text check. Used as
 * each string schema's data type validator, so it runs first and the
 * field's other rules only see plain text.
 */
const plainTextType = vine.createRule(
  (value: unknown, options: { multiline: boolean }, field: FieldContext) => {
    if (!stringType.rule.validator(value, stringType.options, field)) return false
    const problem = textProblem(value as string, options.multiline)
    if (!problem) return true
    field.report(TEXT_MESSAGES[problem], problem, field)
    return false
  },
  { toJSONSchema: (schema) => Object.assign(schema, { type: 'string' }) }
)

declare module '@vinejs/vine' {
  interface VineString {
    /** Allows line breaks and tabs (still no other control character). */
    multiline(): this
  }
}

let installed = false

/**
 * Makes every `vine.string()` a plain-text field (and `.multiline()`
 * available). Idempotent; run before any validator is built.
 */
export function installPlainTextStrings() {
  if (installed) return
  installed = true
  const makeString = vine.string
  vine.string = function (this: typeof vine) {
    const schema = makeString.call(this)
    schema.dataTypeValidator = plainTextType({ multiline: false })
    return schema
  }
  VineString.macro('multiline', function (this: VineString) {
    this.dataTypeValidator = plainTextType({ multiline: true })
    return this
  })
  const clone = VineString.prototype.clone
  VineString.prototype.clone = function (this: VineString) {
    const copy = clone.call(this)
    copy.dataTypeValidator = this.dataTypeValidator
    return copy
  }
}
