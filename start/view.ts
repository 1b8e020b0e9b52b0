/*
|--------------------------------------------------------------------------
| Edge globals
|--------------------------------------------------------------------------
|
| Formatting helpers every template may use, so amounts and times read the
| same on every page.
|
*/
import edge from 'edge.js'
import app from '@adonisjs/core/services/app'
import { formatNepalDate, formatNepalTime, formatNpr } from '#core/format'
import { roomCityLabels } from '#rooms/enums/room_city'
import { roomTypeLabels } from '#rooms/enums/room_type'
import { photoUrls } from '#rooms/presenters/photo_urls'
import paymentsConfig from '#config/payments'

edge.global('npr', formatNpr)
edge.global('nepalTime', formatNepalTime)
edge.global('nepalDate', formatNepalDate)
edge.global('roomCityLabels', roomCityLabels)
edge.global('roomTypeLabels', roomTypeLabels)
edge.global('photoUrls', photoUrls)
edge.global('unlockPrice', paymentsConfig.unlockPriceNpr)
// Shield shares the request's CSP nonce as `cspNonce` (config/shield.ts); a page rendered
// without it (an unmatched URL's 404) gets an empty attribute instead of "undefined".
edge.global('cspNonce', '')

/*
| Edge's plugin that turns components into tags re-lists the components
| directory before every render: it was registered "recurring" when Edge
| was created without a cache, and stays so after the provider turns the
| cache on. A build's components never change, so production lists them
| once (a readdir walk per request, 3% of a chat send's CPU).
*/
if (app.inProduction) {
  const listComponents = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof listComponents> | undefined
  edge.loader.listComponents = () => (components ??= listComponents())
}
