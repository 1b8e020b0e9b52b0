/**
 * Routes answered before the router middleware (by
 * CookielessRoutesMiddleware, a server middleware): no session is read or
 * written, no CSRF cookie is set, no user is looked up. For public answers
 * that caches may keep and share (room photos, the service worker): a
 * response that sets one visitor's session cookie must never be cached for
 * another, and a page with ten photos should not read the session ten times.
 *
 * The route is declared as usual (named, for urlFor) and marked:
 *   cookieless(router.get('/media/rooms/:fileName', [...]).as('room_photos.show'))
 * Its handler gets params but no `auth`, `session` or `bouncer`, and its
 * own middleware (`.use()`) does not run: only for public GET routes.
 */
const names = new Set<string>()

export function cookieless<Route extends { getName(): string | undefined }>(route: Route) {
  const name = route.getName()
  if (!name) throw new Error('cookieless(): name the route first (.as())')
  names.add(name)
  return route
}

export function isCookieless(routeName: string | undefined) {
  return routeName !== undefined && names.has(routeName)
}
