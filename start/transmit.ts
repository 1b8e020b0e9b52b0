/*
|--------------------------------------------------------------------------
| Live channels (Transmit, server-sent events)
|--------------------------------------------------------------------------
|
| Every private channel is authorized here by the same Bouncer policy that
| guards the domain's pages and API. The stream and subscribe routes need a
| logged-in user (401 otherwise); a subscribe or unsubscribe request is
| validated (uid and channel strings, 422 otherwise) and a channel name
| that is not exactly one of Kotha's, or matches no rule below, is refused
| (400, the API's error shape).
|
*/
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import Payment from '#models/payment'
import Conversation from '#models/conversation'
import Call from '#models/call'
import { TRANSACTION_ID_PATTERN } from '#payments/transaction_id'
import UserPolicy from '#accounts/policies/user_policy'
import PaymentPolicy from '#payments/policies/payment_policy'
import ConversationPolicy from '#chat/policies/conversation_policy'
import CallPolicy from '#calls/policies/call_policy'
import { isIntId } from '#core/http/route_params'
import { channelRequestGuard } from '#core/live/channel_request'
import { installChannelIndex } from '#core/live/channel_index'
import { SubscriptionRelay } from '#core/live/subscription_relay'
import redisConfig from '#config/redis'
import app from '@adonisjs/core/services/app'

const ID_PATTERN = /^\d{1,10}$/

/**
 * The channel names Kotha uses (#core/live/channels), written exactly:
 * `users/<id>`, `payments/<transaction id>`, `conversations/<id>`,
 * `calls/<id>`, ids in range and without leading zeros. Subscribing to
 * anything else (`Conversations/1`, `conversations//1`, `calls/1/`,
 * `users/01`) is refused before any rule below is looked at.
 */
function isKnownChannel(name: string) {
  const [kind, id, ...rest] = name.split('/')
  if (id === undefined || rest.length > 0) return false
  if (kind === 'payments') return TRANSACTION_ID_PATTERN.test(id)
  return ['users', 'conversations', 'calls'].includes(kind) && isIntId(id)
}

// Broadcasts look subscribers up by channel instead of scanning every open stream.
await installChannelIndex(transmit)

// Several instances (Redis configured): a subscribe request works on any of them.
if (redisConfig.connection) {
  const relay = new SubscriptionRelay(redisConfig.connection, redisConfig.channelPrefix)
  relay.install(transmit)
  app.terminating(() => relay.stop())
}

transmit.registerRoutes((route) => {
  route.use(middleware.apiAuth())
  if (/\/(un)?subscribe$/.test(route.getPattern())) {
    route.use(channelRequestGuard(isKnownChannel))
  }
})

/**
 * A user's own channel: unlock news for owners, payment and badge updates.
 */
transmit.authorize<{ id: string }>('users/:id', (ctx: HttpContext, { id }) => {
  return ID_PATTERN.test(id) && ctx.bouncer.with(UserPolicy).allows('listen', Number(id))
})

/**
 * A payment's channel: only the client who is paying.
 */
transmit.authorize<{ transactionId: string }>(
  'payments/:transactionId',
  async (ctx: HttpContext, { transactionId }) => {
    if (!TRANSACTION_ID_PATTERN.test(transactionId)) return false
    const payment = await Payment.findBy('transactionId', transactionId)
    return payment ? ctx.bouncer.with(PaymentPolicy).allows('view', payment) : false
  }
)

/**
 * A conversation's channel (messages, typing, read receipts): its two
 * people, while the unlock stands.
 */
transmit.authorize<{ id: string }>('conversations/:id', async (ctx: HttpContext, { id }) => {
  if (!ID_PATTERN.test(id)) return false
  const conversation = await Conversation.find(Number(id))
  return conversation ? ctx.bouncer.with(ConversationPolicy).allows('access', conversation) : false
})

/**
 * A call's signalling channel: its two people, while the unlock stands.
 */
transmit.authorize<{ id: string }>('calls/:id', async (ctx: HttpContext, { id }) => {
  if (!ID_PATTERN.test(id)) return false
  const call = await Call.find(Number(id))
  return call ? ctx.bouncer.with(CallPolicy).allows('join', call) : false
})

/**
 * Any other channel is refused: Kotha has no public channels, so a name
 * that matches no rule above is a mistake or a probe.
 */
transmit.authorize('*', () => false)
