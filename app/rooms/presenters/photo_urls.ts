/**
 * The URLs of a room photo's sizes, from the name its row holds:
 * `{ card, full, srcset }` for `<img src srcset sizes>` (a global in Edge
 * templates). Defined in #core/uploads/photo_variants, next to the names
 * it derives, so the RoomPhoto model (which may import no domain) uses the
 * same function.
 */
export { photoUrls, type PhotoUrls } from '#core/uploads/photo_variants'
