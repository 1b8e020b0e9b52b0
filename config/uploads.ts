import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { isAbsolute } from 'node:path'

const uploadsDir = env.get('UPLOADS_DIR', 'tmp/uploads')

/**
 * Where uploaded files live and how big they may be.
 */
const uploadsConfig = {
  directory: isAbsolute(uploadsDir) ? uploadsDir : app.makePath(uploadsDir),
  photoMaxSizeMb: env.get('PHOTO_MAX_SIZE_MB', 5),
  photosPerRoom: env.get('PHOTOS_PER_ROOM', 8),
  chatImageMaxSizeMb: env.get('CHAT_IMAGE_MAX_SIZE_MB', 5),
}

export type UploadsConfig = typeof uploadsConfig
export default uploadsConfig
