import type { HttpContext } from '@adonisjs/core/http'

/**
 * Reads the chat API's fields, in the original app's snake_case or in
 * camelCase, for the validators.
 */
export function chatInput(request: HttpContext['request'], fields: string[]) {
  const input: Record<string, unknown> = {}
  for (const field of fields) {
    const snake = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
    const value = request.input(snake) ?? request.input(field)
    if (value !== undefined && value !== null && value !== '') input[field] = value
  }
  return input
}
