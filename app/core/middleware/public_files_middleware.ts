import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/** A path whose last segment has an extension: the only kind public/ holds. */
const FILE_PATH = /\.[^/]+$/

/**
 * Server middleware: the files of public/ (built assets, robots.txt, the
 * favicons) through @adonisjs/static. Routed paths (`/`, `/rooms/12`) have
 * no extension and skip it: serve-static would `stat` a file that cannot
 * exist on every page and API request.
 */
@inject()
export default class PublicFilesMiddleware {
  constructor(protected files: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    if (!FILE_PATH.test(ctx.request.url())) return next()
    return this.files.handle(ctx, next)
  }
}
