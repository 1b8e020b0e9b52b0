import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * Accepts a Nepali mobile number written as people write it (spaces, dashes,
 * +977 or 977 prefix) and keeps it as its 10 digits, e.g. "9841234567".
 */
export const nepaliMobileRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    let digits = value.replace(/[\s\-()]/g, '')
    if (digits.startsWith('+977')) digits = digits.slice(4)
    else if (digits.startsWith('977') && digits.length === 13) digits = digits.slice(3)
    if (!/^9[678]\d{8}$/.test(digits)) {
      field.report('Enter a Nepali mobile number, e.g. 98XXXXXXXX', 'phone.invalid', field)
      return
    }
    field.mutate(digits, field)
  }
)
