import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Call from '#models/call'
import { CallStatus } from '#calls/enums/call_status'

/**
 * Video calls, ringing by default. Merge `conversationId`, `callerId` and
 * `calleeId` (the conversation's two people). `.apply('accepted')`,
 * `.apply('connected')` (answered, media up) and `.apply('stale')` (rang
 * longer than any timeout) set the call up further.
 */
export const CallFactory = factory
  .define(Call, () => ({
    status: CallStatus.Ringing,
    requestedAt: DateTime.now(),
  }))
  .state('accepted', (call) => {
    call.status = CallStatus.Accepted
    call.answeredAt = DateTime.now()
  })
  .state('connected', (call) => {
    call.status = CallStatus.Accepted
    call.answeredAt = DateTime.now()
    call.connectedAt = DateTime.now()
  })
  .state('stale', (call) => {
    call.requestedAt = DateTime.now().minus({ hours: 1 })
  })
  .build()
