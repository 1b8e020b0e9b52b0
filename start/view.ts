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
import { formatNepalDate, formatNepalTime, formatNpr } from '#core/format'
import { roomCityLabels } from '#rooms/enums/room_city'
import { roomTypeLabels } from '#rooms/enums/room_type'
import paymentsConfig from '#config/payments'

edge.global('npr', formatNpr)
edge.global('nepalTime', formatNepalTime)
edge.global('nepalDate', formatNepalDate)
edge.global('roomCityLabels', roomCityLabels)
edge.global('roomTypeLabels', roomTypeLabels)
edge.global('unlockPrice', paymentsConfig.unlockPriceNpr)
// Shield shares the request's CSP nonce as `cspNonce` (config/shield.ts); a page rendered
// without it (an unmatched URL's 404) gets an empty attribute instead of "undefined".
edge.global('cspNonce', '')
