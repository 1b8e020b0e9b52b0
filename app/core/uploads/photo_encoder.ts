import sharp, { type Sharp, type SharpOptions } from 'sharp'
import { PHOTO_VARIANTS, type PhotoSize } from '#core/uploads/photo_variants'

/**
 * Larger than any phone's photos (12–50 megapixels), far below sharp's own
 * limit (268): a small file claiming more is a decompression bomb.
 */
export const MAX_INPUT_PIXELS = 50_000_000

// 'error', not sharp's 'warning': truncated and corrupt images fail, while the
// harmless quirks some phones write (extraneous bytes) do not refuse a photo.
const DECODING: SharpOptions = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }

export type EncodedPhoto = Record<PhotoSize, Buffer>

export type ImageProblem = 'unreadable' | 'too-many-pixels'

/**
 * Raised when an image cannot be decoded: damaged, cut short, not an image
 * at all, or too many pixels.
 */
export class UnreadableImageError extends Error {}

/**
 * Decodes an image (a path or its bytes) and encodes each size as WebP,
 * upright, in sRGB and with no metadata: sharp writes no EXIF, GPS, XMP or
 * ICC profile unless asked to keep them.
 */
export async function encodePhotoVariants(input: string | Uint8Array): Promise<EncodedPhoto> {
  // Turned by its EXIF orientation first: the variants carry no EXIF to do it later.
  const upright = sharp(input, DECODING).rotate()
  try {
    const [card, full] = await Promise.all([
      encodeSize(upright.clone(), 'card'),
      encodeSize(upright.clone(), 'full'),
    ])
    return { card, full }
  } catch (error) {
    throw new UnreadableImageError(`cannot decode the image: ${(error as Error).message}`)
  }
}

function encodeSize(image: Sharp, size: PhotoSize) {
  const { width, height, quality } = PHOTO_VARIANTS[size]
  return image
    .resize({ width, height, fit: 'inside', withoutEnlargement: true })
    .webp({ quality })
    .toBuffer()
}

/**
 * Tells whether a file decodes, cheaply enough to check every upload: the
 * header gives the pixel count without decoding, then a tiny decode reads
 * the whole file (JPEG and WebP decode at 1/8 scale), so a truncated or
 * corrupt file shows.
 */
export async function findImageProblem(path: string): Promise<ImageProblem | null> {
  try {
    const { width = 0, height = 0 } = await sharp(path, { limitInputPixels: false }).metadata()
    if (width * height > MAX_INPUT_PIXELS) return 'too-many-pixels'
    await sharp(path, DECODING).resize(64, 64, { fit: 'inside' }).raw().toBuffer()
    return null
  } catch {
    return 'unreadable'
  }
}
