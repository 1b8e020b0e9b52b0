import type { HttpContext } from '@adonisjs/core/http'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { cardNameOf, rowNamesFor, type PhotoSize } from '#core/uploads/photo_variants'

/**
 * Serves room photos from the upload directory, in either size: the full
 * name is the one a row holds, the card name is derived from it
 * (#core/uploads/photo_variants). Only names the database knows are
 * served, so no path can reach anything else on disk.
 *
 * Served without session or cookies (a cookieless route), so caches may
 * share them, for a year and `immutable`: a size's bytes never change under
 * its random name, and a name is never reused (resizing an old photo gives
 * it new names). Once an owner deletes a photo (or the room), its URLs are
 * 404 for anyone who has not cached them, and pages stop linking them.
 */
const ROOM_PHOTO_CACHE = 'public, max-age=31536000, immutable'

export default class RoomPhotosController {
  async show({ params, response }: HttpContext) {
    const { size, rowNames } = rowNamesFor(String(params.fileName))
    const photo = await RoomPhoto.query().whereIn('fileName', rowNames).firstOrFail()
    const file = await this.#fileOf(photo, size)
    response.header('Content-Type', file.mimeType)
    response.header('Cache-Control', ROOM_PHOTO_CACHE)
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(file.path, true)
  }

  /**
   * The file of a size. A photo stored before resizing has only its
   * original, served for both sizes until `node ace photos:resize`.
   */
  async #fileOf(photo: RoomPhoto, size: PhotoSize) {
    const storage = new PhotoStorage()
    if (size === 'card' && (await storage.hasVariants(photo.fileName))) {
      return { path: storage.pathOf(cardNameOf(photo.fileName)), mimeType: 'image/webp' }
    }
    return { path: storage.pathOf(photo.fileName), mimeType: photo.mimeType }
  }
}
