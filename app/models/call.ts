import { CallSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { CallStatus, ACTIVE_CALL_STATUSES } from '#calls/enums/call_status'
import Conversation from '#models/conversation'
import User from '#models/user'

/**
 * A video call between the two people of a conversation. The media flows
 * browser to browser; the app relays the signalling and keeps the record.
 */
export default class Call extends CallSchema {
  @column()
  declare status: CallStatus

  @belongsTo(() => Conversation)
  declare conversation: BelongsTo<typeof Conversation>

  @belongsTo(() => User, { foreignKey: 'callerId' })
  declare caller: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'calleeId' })
  declare callee: BelongsTo<typeof User>

  get isActive() {
    return ACTIVE_CALL_STATUSES.includes(this.status)
  }

  isParticipant(userId: number | undefined) {
    return userId === this.callerId || userId === this.calleeId
  }
}
