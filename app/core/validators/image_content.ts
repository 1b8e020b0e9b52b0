import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { detectImageType } from '#core/uploads/image_type'
import { findImageProblem, MAX_INPUT_PIXELS, type ImageProblem } from '#core/uploads/photo_encoder'

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

/**
 * What an owner reads next to the photo field when a file does not decode.
 */
export function imageProblemMessage(problem: ImageProblem, fileName: string) {
  return problem === 'too-many-pixels'
    ? `${fileName} is too large: a photo may have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels`
    : `${fileName} could not be read: it may be damaged or incomplete. Please choose another photo`
}

/**
 * Decodes an image that passed `imageContentRule`, before anything is
 * stored: a truncated or corrupt file, or a decompression bomb (a small
 * file claiming huge dimensions), is refused next to the field.
 */
export const decodableImageRule = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile
    if (!file?.tmpPath || !field.isValid) return
    const problem = await findImageProblem(file.tmpPath)
    if (problem) field.report(imageProblemMessage(problem, file.clientName), 'photo.decode', field)
  }
)
