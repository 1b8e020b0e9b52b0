import { randomUUID } from 'node:crypto'
import { access, mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import uploads from '#config/uploads'
import { detectImageType, imageTypeOf, type ImageType } from '#core/uploads/image_type'
import { encodePhotoVariants, type EncodedPhoto } from '#core/uploads/photo_encoder'
import { cardNameOf, newPhotoName, variantNamesOf } from '#core/uploads/photo_variants'

export type StoredPhoto = { fileName: string; mimeType: string; sizeBytes: number }

/**
 * Keeps uploaded images on disk under UPLOADS_DIR/<folder>, each under a
 * random name. Room photos (`rooms`) are public: they are decoded and
 * re-encoded in sizes (#core/uploads/photo_variants), and the uploaded
 * bytes, which may carry GPS and camera details, are never kept. Chat
 * images (`chat`) are private and kept as sent, named with the extension of
 * their real type.
 */
export class PhotoStorage {
  readonly directory: string
  readonly #resizes: boolean

  constructor(folder: 'rooms' | 'chat' = 'rooms') {
    this.directory = join(uploads.directory, folder)
    this.#resizes = folder === 'rooms'
  }

  /**
   * Stores a validated upload: its sizes (room photos) or the file itself.
   */
  async storeUpload(file: MultipartFile): Promise<StoredPhoto> {
    const type = await detectImageType(file.tmpPath!)
    if (!type) throw new Error(`refusing to store ${file.clientName}: not an image`)
    if (!this.#resizes) return this.#moveUpload(file, type)
    try {
      return await this.storeEncoded(await encodePhotoVariants(file.tmpPath!))
    } finally {
      // The original stays nowhere, not even in the temporary directory.
      await rm(file.tmpPath!, { force: true })
    }
  }

  /**
   * Stores image bytes made by the app itself (demo data, tests), like an upload.
   */
  async storeBytes(bytes: Uint8Array): Promise<StoredPhoto> {
    const type = imageTypeOf(bytes.subarray(0, 12))
    if (!type) throw new Error('refusing to store bytes that are not an image')
    if (this.#resizes) return this.storeEncoded(await encodePhotoVariants(bytes))
    const fileName = this.#newName(type)
    await mkdir(this.directory, { recursive: true })
    await writeFile(join(this.directory, fileName), bytes)
    return { fileName, mimeType: type.mimeType, sizeBytes: bytes.byteLength }
  }

  /**
   * Writes sizes already encoded (#core/uploads/photo_encoder) under a new
   * name: the demo data encodes a few pictures once for many photos.
   */
  async storeEncoded(photo: EncodedPhoto): Promise<StoredPhoto> {
    const fileName = newPhotoName()
    await mkdir(this.directory, { recursive: true })
    try {
      await Promise.all([
        writeFile(this.pathOf(fileName), photo.full, { flag: 'wx' }),
        writeFile(this.pathOf(cardNameOf(fileName)), photo.card, { flag: 'wx' }),
      ])
    } catch (error) {
      await this.remove([fileName])
      throw error
    }
    return { fileName, mimeType: 'image/webp', sizeBytes: photo.full.byteLength }
  }

  /**
   * Whether a room photo has its sizes; one stored before resizing has only
   * its original, served for every size until `node ace photos:resize`.
   */
  async hasVariants(fileName: string) {
    return access(this.pathOf(cardNameOf(fileName))).then(
      () => true,
      () => false
    )
  }

  pathOf(fileName: string) {
    return join(this.directory, fileName)
  }

  /**
   * Removes photos by the names their rows hold, with every size of each.
   */
  async remove(fileNames: string[]) {
    const names = this.#resizes ? fileNames.flatMap(variantNamesOf) : fileNames
    await Promise.all(names.map((name) => rm(this.pathOf(name), { force: true })))
  }

  async #moveUpload(file: MultipartFile, type: ImageType): Promise<StoredPhoto> {
    const fileName = this.#newName(type)
    await mkdir(this.directory, { recursive: true })
    await file.move(this.directory, { name: fileName, overwrite: false })
    return { fileName, mimeType: type.mimeType, sizeBytes: file.size }
  }

  #newName(type: ImageType) {
    return `${randomUUID()}.${type.extension}`
  }
}
