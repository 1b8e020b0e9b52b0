import { sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/static'

/**
 * Files under public/, served before routing (no session, no cookie).
 * https://docs.adonisjs.com/guides/static-assets
 *
 * Caching:
 * - Vite's build output (public/assets/name-HASH.ext): the name changes
 *   whenever the content does, so browsers and CDNs keep it a year and never
 *   ask again (`immutable`).
 * - Everything else (favicon, robots.txt) keeps its name when it changes: a
 *   day, then revalidated with the ETag / Last-Modified.
 */
export const HASHED_ASSET = /-[\w-]{8}\.(?:js|css|map|woff2?|svg|png|jpe?g|webp|avif|gif|ico)$/

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const ONE_DAY = 'public, max-age=86400'

/** Where Vite writes its build (config/vite.ts `buildDirectory`). */
const VITE_OUTPUT = app.publicPath('assets') + sep

export function cacheControlFor(path: string) {
  return path.startsWith(VITE_OUTPUT) && HASHED_ASSET.test(path) ? IMMUTABLE : ONE_DAY
}

const staticServerConfig = defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
  headers: (path) => ({ 'Cache-Control': cacheControlFor(path) }),
})

export default staticServerConfig
