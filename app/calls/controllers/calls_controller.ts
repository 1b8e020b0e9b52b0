import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/http/content_negotiation'
import type { Broadcastable } from '@boringnode/transmit/types'
import { errors as vineErrors } from '@vinejs/vine'
import Conversation from '#models/conversation'
import { CallService } from '#calls/call_service'
import { startCallValidator, callFailureValidator } from '#calls/validators'
import callsConfig from '#config/calls'

const MAX_SIGNAL_BYTES = 20_000
const SIGNAL_KEYS = new Set(['type', 'sdp', 'candidate', 'renegotiate', 'transceiverRequest'])

/**
 * Video calls: starting one, the call page, answering, ending, and the
 * signalling relay (POST up, Transmit `calls/<id>` down).
 */
export default class CallsController {
  /**
   * POST /calls { conversation_id }: rings the other person.
   */
  async store({ auth, request, response }: HttpContext) {
    const { conversationId } = await startCallValidator.validate({
      conversationId: request.input('conversation_id') ?? request.input('conversationId'),
    })
    const conversation = await Conversation.findOrFail(conversationId)
    const call = await new CallService().start(auth.user!, conversation)
    if (wantsJson(request)) {
      return response.created({ data: { id: call.id, status: call.status } })
    }
    return response.redirect().toRoute('calls.show', { id: call.id })
  }

  /**
   * GET /calls/:id: the call page (caller and callee).
   */
  async show({ auth, params, view }: HttpContext) {
    const service = new CallService()
    const call = await service.findUsable(auth.user!, Number(params.id) || 0)
    const conversation = await Conversation.query()
      .where('id', call.conversationId)
      .preload('room')
      .preload('client')
      .preload('owner')
      .firstOrFail()
    const me = auth.user!
    const other = me.id === conversation.ownerId ? conversation.client : conversation.owner
    return view.render('pages/calls/show', {
      call,
      conversation,
      other,
      role: me.id === call.callerId ? 'caller' : 'callee',
      iceServers: service.iceServersFor(me),
      ringTimeoutSeconds: callsConfig.ringTimeoutSeconds,
    })
  }

  /**
   * GET /calls/:id/state: where the call stands (after a reconnect).
   */
  async state({ auth, params }: HttpContext) {
    const call = await new CallService().findUsable(auth.user!, Number(params.id) || 0)
    return { data: { id: call.id, status: call.status, durationSeconds: call.durationSeconds } }
  }

  async accept({ auth, params }: HttpContext) {
    const service = new CallService()
    const call = await service.accept(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0)
    )
    return { data: { id: call.id, status: call.status } }
  }

  async decline({ auth, params, request, response }: HttpContext) {
    const service = new CallService()
    const call = await service.decline(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0)
    )
    if (!wantsJson(request))
      return response.redirect().back()
    return { data: { id: call.id, status: call.status } }
  }

  /**
   * POST /calls/:id/hangup (also sent by the page as it closes, with sendBeacon).
   */
  async hangUp({ auth, params }: HttpContext) {
    const service = new CallService()
    const call = await service.hangUp(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0)
    )
    return { data: { id: call.id, status: call.status, durationSeconds: call.durationSeconds } }
  }

  async connected({ auth, params, response }: HttpContext) {
    const service = new CallService()
    await service.markConnected(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0)
    )
    return response.noContent()
  }

  async fail({ auth, params, request }: HttpContext) {
    const { reason } = await callFailureValidator.validate({ reason: request.input('reason') })
    const service = new CallService()
    const call = await service.fail(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0),
      reason ?? 'connection failed'
    )
    return { data: { id: call.id, status: call.status } }
  }

  /**
   * POST /calls/:id/signal { signal }: one offer, answer or ICE candidate.
   */
  async signal({ auth, params, request, response }: HttpContext) {
    const signal = request.input('signal')
    const size = Buffer.byteLength(JSON.stringify(signal ?? null))
    if (
      !signal ||
      typeof signal !== 'object' ||
      Array.isArray(signal) ||
      size > MAX_SIGNAL_BYTES ||
      !Object.keys(signal).every((key) => SIGNAL_KEYS.has(key))
    ) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'signal', rule: 'signal', message: 'Not a WebRTC signal' },
      ])
    }
    const service = new CallService()
    await service.signal(
      auth.user!,
      await service.findUsable(auth.user!, Number(params.id) || 0),
      signal as Broadcastable
    )
    return response.noContent()
  }
}
