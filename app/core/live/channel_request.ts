import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * What a Transmit subscribe or unsubscribe request must carry: the stream's
 * uid (the client makes a UUID) and a channel name, both text of a sane
 * length. Anything else is a 422 in the API's error shape, before
 * Transmit's own handler (which fails on a channel that is not a string).
 */
export const channelRequestValidator = vine.create({
  uid: vine.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  channel: vine.string().maxLength(200),
})

const REFUSED = {
  status: 400,
  code: 'E_CHANNEL_REFUSED',
  message: 'This channel does not exist, or it is not yours',
}

/**
 * A route middleware for `/__transmit/subscribe` and `/__transmit/unsubscribe`:
 * validates the body, refuses (400) a channel name that is not exactly one
 * of `isKnown`'s (no case, slash or leading-zero variants), and gives
 * Transmit's own bare 400 (authorization refused) the API's error shape.
 */
export function channelRequestGuard(isKnown: (channel: string) => boolean) {
  return async function guardChannelRequest(ctx: HttpContext, next: NextFn) {
    const { channel } = await channelRequestValidator.validate({
      uid: ctx.request.input('uid'),
      channel: ctx.request.input('channel'),
    })
    if (!isKnown(channel)) {
      return ctx.response.status(400).send({ error: REFUSED })
    }
    await next()
    if (ctx.response.getStatus() === 400 && !ctx.response.getBody()) {
      ctx.response.send({ error: REFUSED })
    }
  }
}
