/*
|--------------------------------------------------------------------------
| Console (ace) setup
|--------------------------------------------------------------------------
|
| Ace commands run the same services as the web server (the reconciler
| completing a payment, say), and those build links with urlFor for live
| updates and push notifications. The HTTP server registers and commits
| the routes when it starts; in the console nothing does, so it happens here.
|
*/
import router from '@adonisjs/core/services/router'

await import('#start/routes')
if (!router.commited) router.commit()
