import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import RoomPhoto from '#models/room_photo'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { encodePhotoVariants } from '#core/uploads/photo_encoder'

type Outcome = 'resized' | 'gone' | 'failed'

const BATCH = 200

/**
 * Stores the room photos uploaded before photos were resized (an original
 * such as `<uuid>.jpg`, no sizes) in their card and full sizes, like a new
 * upload: under a new name (a name is never reused, so caches may keep it
 * for good), the row pointing to it, the original (and its EXIF) deleted.
 * Safe to run again, and while the app serves: photos with sizes are
 * skipped, and one deleted meanwhile keeps no files.
 */
export default class PhotosResize extends BaseCommand {
  static commandName = 'photos:resize'
  static description = 'Store room photos uploaded before resizing in their card and full sizes'
  static options: CommandOptions = { startApp: true }

  async run() {
    const storage = new PhotoStorage()
    const tally = { resized: 0, gone: 0, failed: 0, skipped: 0 }
    let afterId = 0
    let photos: RoomPhoto[]
    // By id, a batch at a time: rows added meanwhile have their sizes already.
    while ((photos = await this.#batchAfter(afterId)).length) {
      for (const photo of photos) {
        const outcome = (await storage.hasVariants(photo.fileName))
          ? 'skipped'
          : await this.#resize(storage, photo)
        tally[outcome]++
      }
      afterId = photos[photos.length - 1].id
    }
    this.logger.info(
      `${tally.resized} resized, ${tally.skipped} already had their sizes, ` +
        `${tally.gone} deleted meanwhile, ${tally.failed} failed`
    )
    if (tally.failed) this.exitCode = 1
  }

  #batchAfter(afterId: number) {
    return RoomPhoto.query().where('id', '>', afterId).orderBy('id').limit(BATCH)
  }

  async #resize(storage: PhotoStorage, photo: RoomPhoto): Promise<Outcome> {
    const original = photo.fileName
    let stored
    try {
      stored = await storage.storeEncoded(await encodePhotoVariants(storage.pathOf(original)))
    } catch (error) {
      this.logger.error(`photo #${photo.id} (${original}): ${(error as Error).message}`)
      return 'failed'
    }
    // Only the row as it was read: a photo deleted (or resized) meanwhile keeps no new files.
    const [updated] = await RoomPhoto.query()
      .where('id', photo.id)
      .where('fileName', original)
      .update({ ...stored })
    if (!Number(updated)) {
      await storage.remove([stored.fileName])
      return 'gone'
    }
    await storage.remove([original])
    return 'resized'
  }
}
