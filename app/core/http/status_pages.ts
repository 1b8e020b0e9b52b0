import type { HttpContext } from '@adonisjs/core/http'

/**
 * The 403, 404 and 500 pages, for any request: also one that never reached
 * the router middleware (an unmatched URL has no session, no CSRF token and
 * no auth), and whatever goes wrong while rendering it.
 */
const PAGES = {
  403: { template: 'pages/errors/forbidden', title: 'You cannot do that' },
  404: { template: 'pages/errors/not_found', title: 'This page does not exist' },
  500: { template: 'pages/errors/server_error', title: 'Something went wrong on our side' },
} as const

export type StatusPage = keyof typeof PAGES

/** What the layout reads from the flash messages, when there is no session. */
const NO_FLASH = { has: () => false, get: () => undefined, all: () => ({}) }

/**
 * The page's HTML. Requests the router middleware never saw are shown the
 * page of a visitor whose account is unknown (the navigation offers no
 * account links): an unmatched URL opens no session and sets no cookie.
 */
export async function renderStatusPage(ctx: HttpContext, status: StatusPage) {
  const page = PAGES[status]
  try {
    shareMissingState(ctx)
    return await ctx.view.render(page.template)
  } catch (error) {
    ctx.logger.error({ err: error }, 'the %s page could not be rendered', status)
    return plainPage(status, page.title)
  }
}

function shareMissingState(ctx: HttpContext) {
  const state = ctx as Partial<Pick<HttpContext, 'auth' | 'session'>>
  const missing: Record<string, unknown> = {}
  if (!state.auth) {
    missing.auth = { user: undefined, isAuthenticated: false }
    missing.accountUnknown = true
  }
  if (!state.session) {
    missing.flashMessages = NO_FLASH
    missing.session = NO_FLASH
    missing.old = () => undefined
  }
  if (!ctx.request.csrfToken) {
    missing.csrfToken = ''
    missing.csrfField = () => ''
    missing.csrfMeta = () => ''
  }
  ctx.view.share(missing)
}

/** No layout, no assets: what is shown when even the status page fails. */
function plainPage(status: number, title: string) {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${title} · Kotha</title></head><body style="font-family:system-ui,sans-serif;` +
    `text-align:center;padding:5rem 1rem"><p>${status}</p><h1>${title}</h1>` +
    `<p><a href="/">Browse rooms</a></p></body></html>`
  )
}
