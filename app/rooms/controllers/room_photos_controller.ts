import type { HttpContext } from '@adonisjs/core/http'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'

/**
 * Serves room photos from the upload directory. Only files the database
 * knows are served, so no path can reach anything else on disk.
 */
export default class RoomPhotosController {
  async show({ params, response }: HttpContext) {
    const photo = await RoomPhoto.findByOrFail('fileName', String(params.fileName))
    response.header('Content-Type', photo.mimeType)
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(new PhotoStorage().pathOf(photo.fileName))
  }
}
