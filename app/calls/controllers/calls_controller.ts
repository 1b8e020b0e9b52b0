import type { HttpContext } from '@adonisjs/core/http'
import Conversation from '#models/conversation'
import { wantsJson } from '#core/http/content_negotiation'
import CallPolicy from '#calls/policies/call_policy'
import { findCall } from '#calls/queries/find_call'
import { callPage } from '#calls/queries/call_page'
import { signalsFromOther } from '#calls/queries/call_signals'
import { presentCall, presentCallState, presentSignal } from '#calls/presenters/call_presenter'
import {
  callFailureValidator,
  signalHistoryValidator,
  startCallValidator,
  validateSignal,
} from '#calls/validators'
import StartCall from '#calls/actions/start_call'
import AcceptCall from '#calls/actions/accept_call'
import DeclineCall from '#calls/actions/decline_call'
import HangUpCall from '#calls/actions/hang_up_call'
import MarkCallConnected from '#calls/actions/mark_call_connected'
import FailCall from '#calls/actions/fail_call'
import RelaySignal from '#calls/actions/relay_signal'

/**
 * The call a request names, once CallPolicy.join lets the user in.
 */
async function joinedCall({ bouncer, params }: HttpContext) {
  const call = await findCall(params.id)
  await bouncer.with(CallPolicy).authorize('join', call)
  return call
}

/**
 * Video calls: starting one, the call page, answering, ending, and the
 * signalling relay (POST up, Transmit `calls/<id>` down).
 */
export default class CallsController {
  /**
   * POST /calls { conversation_id }: rings the other person.
   */
  async store({ auth, bouncer, request, response }: HttpContext) {
    const { conversationId } = await startCallValidator.validate({
      conversationId: request.input('conversation_id') ?? request.input('conversationId'),
    })
    const conversation = await Conversation.findOrFail(conversationId)
    await bouncer.with(CallPolicy).authorize('start', conversation)
    const call = await new StartCall().handle(auth.user!, conversation)
    if (wantsJson(request)) return response.created({ data: presentCall(call) })
    return response.redirect().toRoute('calls.show', { id: call.id })
  }

  /**
   * GET /calls/:id: the call page (caller and callee).
   */
  async show(ctx: HttpContext) {
    const call = await joinedCall(ctx)
    return ctx.view.render('pages/calls/show', await callPage(ctx.auth.user!, call))
  }

  /**
   * GET /calls/:id/state: where the call stands (after a reconnect).
   */
  async state(ctx: HttpContext) {
    return { data: presentCallState(await joinedCall(ctx)) }
  }

  /**
   * POST /calls/:id/accept: the callee answers.
   */
  async accept(ctx: HttpContext) {
    const call = await joinedCall(ctx)
    await ctx.bouncer.with(CallPolicy).authorize('answer', call)
    return { data: presentCall(await new AcceptCall().handle(call)) }
  }

  /**
   * POST /calls/:id/decline: the callee declines (a form on pages, or JSON).
   */
  async decline(ctx: HttpContext) {
    const call = await joinedCall(ctx)
    await ctx.bouncer.with(CallPolicy).authorize('decline', call)
    const declined = await new DeclineCall().handle(call)
    if (!wantsJson(ctx.request)) return ctx.response.redirect().back()
    return { data: presentCall(declined) }
  }

  /**
   * POST /calls/:id/hangup (also sent by the page as it closes, with sendBeacon).
   */
  async hangUp(ctx: HttpContext) {
    const call = await new HangUpCall().handle(ctx.auth.user!, await joinedCall(ctx))
    return { data: presentCallState(call) }
  }

  /**
   * POST /calls/:id/connected: the browser's media connection is up.
   */
  async connected(ctx: HttpContext) {
    await new MarkCallConnected().handle(ctx.auth.user!, await joinedCall(ctx))
    return ctx.response.noContent()
  }

  /**
   * POST /calls/:id/failed { reason }: the browser could not connect.
   */
  async fail(ctx: HttpContext) {
    const { reason } = await callFailureValidator.validate({ reason: ctx.request.input('reason') })
    const call = await new FailCall().handle(await joinedCall(ctx), reason ?? 'connection failed')
    return { data: presentCall(call) }
  }

  /**
   * GET /calls/:id/signals?after=<id>: the other participant's signals
   * after that id, oldest first (what a page missed while its stream was down).
   */
  async signals(ctx: HttpContext) {
    const call = await joinedCall(ctx)
    const { after } = await signalHistoryValidator.validate({ after: ctx.request.input('after') })
    const { signals, hasMore } = await signalsFromOther(ctx.auth.user!, call, after)
    return { data: signals.map(presentSignal), meta: { hasMore } }
  }

  /**
   * POST /calls/:id/signal { signal }: one offer, answer or ICE candidate.
   */
  async signal(ctx: HttpContext) {
    const signal = validateSignal(ctx.request.input('signal'))
    await new RelaySignal().handle(ctx.auth.user!, await joinedCall(ctx), signal)
    return ctx.response.noContent()
  }
}
