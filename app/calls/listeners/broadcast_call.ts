import transmit from '@adonisjs/transmit/services/main'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { EventsList } from '@adonisjs/core/types'
import type { Broadcastable } from '@boringnode/transmit/types'
import { callChannel, userChannel } from '#core/live/channels'

/**
 * Tells the live pages about a call: the callee's pages when it rings,
 * both call pages (and the callee's other pages) when it changes, and the
 * call channel for the connection and the relayed signals. A failed
 * broadcast is logged, never thrown into the request.
 */
export default class BroadcastCall {
  /** The callee's pages show the incoming call. */
  async onRinging({ call, caller, roomTitle }: EventsList['call:ringing']) {
    this.#safely('call.incoming', () =>
      transmit.broadcast(userChannel(call.calleeId), {
        type: 'call.incoming',
        callId: call.id,
        callerName: caller.firstName,
        roomTitle,
        url: urlFor('calls.show', { id: call.id }),
      })
    )
  }

  /** Both call pages, and the callee's other pages (to stop ringing). */
  async onStatusChanged({ call }: EventsList['call:status_changed']) {
    this.#safely('call.status', () => {
      const update = {
        type: 'call.status',
        callId: call.id,
        status: call.status,
        durationSeconds: call.durationSeconds,
      }
      transmit.broadcast(callChannel(call.id), update)
      transmit.broadcast(userChannel(call.calleeId), update)
    })
  }

  /** The call pages learn the media connection is up. */
  async onConnected({ call, user }: EventsList['call:connected']) {
    this.#safely('call.connected', () =>
      transmit.broadcast(callChannel(call.id), { type: 'call.connected', by: user.id })
    )
  }

  /** The other browser gets the WebRTC signal, with its stored id (its catch-up cursor). */
  async onSignal({ call, from, data, signalId }: EventsList['call:signal']) {
    this.#safely('signal', () =>
      transmit.broadcast(callChannel(call.id), {
        type: 'signal',
        id: signalId,
        from: from.id,
        data: data as Broadcastable,
      })
    )
  }

  #safely(what: string, broadcast: () => void) {
    try {
      broadcast()
    } catch (error) {
      logger.error({ err: error }, `call broadcast failed: ${what}`)
    }
  }
}
