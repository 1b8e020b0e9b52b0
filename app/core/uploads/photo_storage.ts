import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import uploads from '#config/uploads'
import { detectImageType, imageTypeOf, type ImageType } from '#core/uploads/image_type'

export type StoredPhoto = { fileName: string; mimeType: string; sizeBytes: number }

/**
 * Keeps uploaded images on disk under UPLOADS_DIR/<folder> (room photos in
 * `rooms`, chat images in `chat`), each under a random name with the
 * extension of its real type.
 */
export class PhotoStorage {
  readonly directory: string

  constructor(folder: 'rooms' | 'chat' = 'rooms') {
    this.directory = join(uploads.directory, folder)
  }

  /**
   * Moves a validated upload into place.
   */
  async storeUpload(file: MultipartFile): Promise<StoredPhoto> {
    const type = await detectImageType(file.tmpPath!)
    if (!type) throw new Error(`refusing to store ${file.clientName}: not an image`)
    const fileName = this.#newName(type)
    await mkdir(this.directory, { recursive: true })
    await file.move(this.directory, { name: fileName, overwrite: false })
    return { fileName, mimeType: type.mimeType, sizeBytes: file.size }
  }

  /**
   * Writes image bytes made by the app itself (demo data, tests).
   */
  async storeBytes(bytes: Uint8Array): Promise<StoredPhoto> {
    const type = imageTypeOf(bytes.subarray(0, 12))
    if (!type) throw new Error('refusing to store bytes that are not an image')
    const fileName = this.#newName(type)
    await mkdir(this.directory, { recursive: true })
    await writeFile(join(this.directory, fileName), bytes)
    return { fileName, mimeType: type.mimeType, sizeBytes: bytes.byteLength }
  }

  pathOf(fileName: string) {
    return join(this.directory, fileName)
  }

  async remove(fileNames: string[]) {
    await Promise.all(fileNames.map((name) => rm(this.pathOf(name), { force: true })))
  }

  #newName(type: ImageType) {
    return `${randomUUID()}.${type.extension}`
  }
}
