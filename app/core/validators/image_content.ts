import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { detectImageType } from '#core/uploads/image_type'

/**
 * Checks an uploaded file's first bytes, not its name or the type the
 * browser claims: only real JPEG, PNG and WebP images pass.
 */
export const imageContentRule = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile
    if (!file?.tmpPath) return
    const type = await detectImageType(file.tmpPath)
    if (!type) {
      field.report(`${file.clientName} is not a JPEG, PNG or WebP image`, 'photo.content', field)
    }
  }
)
