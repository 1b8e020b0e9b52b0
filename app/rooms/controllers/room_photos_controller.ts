import type { HttpContext } from '@adonisjs/core/http'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'

/**
 * Serves room photos from the upload directory. Only files the database
 * knows are served, so no path can reach anything else on disk.
 *
 * Served without session or cookies (a cookieless route), so caches may
 * share them. A photo's bytes never change under its random name, but an
 * owner may delete it (or the whole room): browsers and CDNs keep it a day,
 * not a year, then revalidate it by its ETag, so a removed photo stops
 * showing within a day. Never `immutable`.
 */
const ROOM_PHOTO_CACHE = 'public, max-age=86400'

export default class RoomPhotosController {
  async show({ params, response }: HttpContext) {
    const photo = await RoomPhoto.findByOrFail('fileName', String(params.fileName))
    response.header('Content-Type', photo.mimeType)
    response.header('Cache-Control', ROOM_PHOTO_CACHE)
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(new PhotoStorage().pathOf(photo.fileName), true)
  }
}
