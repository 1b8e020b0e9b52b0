import { randomUUID } from 'node:crypto'
import { urlFor } from '@adonisjs/core/services/url_builder'

/**
 * The sizes a room photo is stored in, each a WebP that fits its box (never
 * enlarged). The card is what listing cards and thumbnails show: even a
 * 3000×2000 photo of pure noise (the worst case) comes out near 50 KB. The
 * full size is for the room page.
 */
export const PHOTO_VARIANTS = {
  card: { width: 640, height: 960, quality: 65 },
  full: { width: 1600, height: 1600, quality: 75 },
} as const

export type PhotoSize = keyof typeof PHOTO_VARIANTS

export type PhotoUrls = { card: string; full: string; srcset: string }

// Extensions a photo stored before resizing may have (#core/uploads/image_type).
const ORIGINAL_EXTENSIONS = ['webp', 'jpg', 'png']
const CARD_NAME = /^([\w-]+)\.card\.webp$/

/**
 * A new photo's name: its full variant's, the one `room_photos.file_name` holds.
 */
export function newPhotoName() {
  return `${randomUUID()}.webp`
}

/**
 * The card variant's name, from the name a row holds (the full variant's,
 * or the original's for a photo stored before resizing).
 */
export function cardNameOf(fileName: string) {
  return `${fileName.split('.')[0]}.card.webp`
}

/**
 * Every file a photo may have on disk.
 */
export function variantNamesOf(fileName: string) {
  return [fileName, cardNameOf(fileName)]
}

/**
 * Which size a requested name asks for, and the names its photo's row may
 * hold: a card name belongs to the row of the same random stem.
 */
export function rowNamesFor(requested: string): { size: PhotoSize; rowNames: string[] } {
  const card = CARD_NAME.exec(requested)
  if (!card) return { size: 'full', rowNames: [requested] }
  return { size: 'card', rowNames: ORIGINAL_EXTENSIONS.map((ext) => `${card[1]}.${ext}`) }
}

/**
 * The URLs of a photo's sizes, and a srcset offering both.
 */
export function photoUrls(fileName: string): PhotoUrls {
  const card = urlFor('room_photos.show', { fileName: cardNameOf(fileName) })
  const full = urlFor('room_photos.show', { fileName })
  const srcset = `${card} ${PHOTO_VARIANTS.card.width}w, ${full} ${PHOTO_VARIANTS.full.width}w`
  return { card, full, srcset }
}
