/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware run on every request, router middleware run on every
| matched route, and named middleware assigned per route.
|
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#core/exceptions/handler'))

server.use([
  // Referrer-Policy, Permissions-Policy, COOP, HSTS (https only) on every response
  () => import('#core/middleware/security_headers_middleware'),
  () => import('#core/middleware/health_probe_middleware'),
  () => import('#core/middleware/live_stream_drain_middleware'),
  // gzip/brotli for text over 1 KB, never for the live stream (app/core/middleware)
  () => import('#core/middleware/compression_middleware'),
  () => import('#core/middleware/container_bindings_middleware'),
  // Files of public/; routed paths skip the file lookup
  () => import('#core/middleware/public_files_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  // Routes marked cookieless() (room photos, /sw.js): answered without session, CSRF or auth
  () => import('#core/middleware/cookieless_routes_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#core/middleware/silent_auth_middleware'),
  () => import('#core/middleware/initialize_bouncer_middleware'),
  () => import('#chat/middleware/chat_badge_middleware'),
])

export const middleware = router.named({
  guest: () => import('#core/middleware/guest_middleware'),
  auth: () => import('#core/middleware/auth_middleware'),
  apiAuth: () => import('#core/middleware/api_auth_middleware'),
})
