/*
|--------------------------------------------------------------------------
| Live channels (Transmit, server-sent events)
|--------------------------------------------------------------------------
|
| Every private channel is authorized here and nowhere else. The stream
| and subscribe routes need a logged-in user (401 otherwise); a channel
| that is not the user's is refused.
|
*/
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
import Payment from '#models/payment'
import Conversation from '#models/conversation'
import { chatAccess } from '#chat/chat_access'
import Call from '#models/call'
import { TRANSACTION_ID_PATTERN } from '#payments/transaction_id'

transmit.registerRoutes((route) => {
  route.use(middleware.apiAuth())
})

/**
 * A user's own channel: unlock news for owners, payment and badge updates.
 */
transmit.authorize<{ id: string }>('users/:id', (ctx: HttpContext, { id }) => {
  return ctx.auth.user?.id === Number(id)
})

/**
 * A payment's channel: only the client who is paying.
 */
transmit.authorize<{ transactionId: string }>(
  'payments/:transactionId',
  async (ctx: HttpContext, { transactionId }) => {
    const user = ctx.auth.user
    if (!user || !TRANSACTION_ID_PATTERN.test(transactionId)) return false
    const payment = await Payment.findBy('transactionId', transactionId)
    return payment?.clientId === user.id
  }
)

/**
 * A conversation's channel (messages, typing, read receipts): its two
 * people, while the unlock stands.
 */
transmit.authorize<{ id: string }>('conversations/:id', async (ctx: HttpContext, { id }) => {
  const user = ctx.auth.user
  if (!user || !/^\d{1,10}$/.test(id)) return false
  const conversation = await Conversation.find(Number(id))
  return conversation ? (await chatAccess(user.id, conversation)).allowed : false
})

/**
 * A call's signalling channel: its two people, while the unlock stands.
 */
transmit.authorize<{ id: string }>('calls/:id', async (ctx: HttpContext, { id }) => {
  const user = ctx.auth.user
  if (!user || !/^\d{1,10}$/.test(id)) return false
  const call = await Call.find(Number(id))
  if (!call?.isParticipant(user.id)) return false
  const conversation = await Conversation.find(call.conversationId)
  return conversation ? (await chatAccess(user.id, conversation)).allowed : false
})
