import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

/** Where the service worker's source lives; served as is (no bundler) at /sw.js. */
export const SERVICE_WORKER_SOURCE = 'resources/js/service_worker.js'

let cached: string | undefined

/**
 * The service worker's JavaScript. Read once in production, at every
 * request otherwise (edits show on reload).
 */
export async function serviceWorkerSource() {
  if (cached) return cached
  const source = await readFile(app.makePath(SERVICE_WORKER_SOURCE), 'utf8')
  if (app.inProduction) cached = source
  return source
}
