import db from '@adonisjs/lucid/services/db'
import { ConversationSchema } from '#database/schema'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Room from '#models/room'
import Message from '#models/message'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'

/**
 * The chat between a client who unlocked a room and that room's owner
 * (one per room and client). Opened by a successful unlock; usable only
 * while that unlock stands.
 */
export default class Conversation extends ConversationSchema {
  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>

  @belongsTo(() => User, { foreignKey: 'clientId' })
  declare client: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @hasMany(() => Message)
  declare messages: HasMany<typeof Message>

  isParticipant(userId: number | undefined) {
    return userId === this.clientId || userId === this.ownerId
  }

  /**
   * Whether the client's unlock of the room still stands (a refund or a
   * reversal closes the conversation for both).
   */
  async unlockStands() {
    // Read with the row by `withUnlockStanding()`: no second round trip.
    if (typeof this.$extras.unlock_stands === 'boolean') return this.$extras.unlock_stands
    const unlock = await Payment.query()
      .where('clientId', this.clientId)
      .where('roomId', this.roomId)
      .where('status', PaymentStatus.Complete)
      .select('id')
      .first()
    return Boolean(unlock)
  }

  /**
   * The same condition for lists, as a `whereExists` sub-query on
   * `conversations`.
   */
  static unlockStandsSql(
    query: DatabaseQueryBuilderContract | ModelQueryBuilderContract<typeof Conversation>
  ) {
    query
      .from('payments')
      .whereColumn('payments.client_id', 'conversations.client_id')
      .whereColumn('payments.room_id', 'conversations.room_id')
      .where('payments.status', PaymentStatus.Complete)
  }

  /**
   * Adds whether the unlock stands to a query of conversations, read back by
   * `unlockStands()` (the access check costs no query of its own).
   */
  static withUnlockStanding(query: ModelQueryBuilderContract<typeof Conversation>) {
    query
      .select('conversations.*')
      .select(db.raw(`${Conversation.unlockStandsExpression} as unlock_stands`))
  }

  /** Whether the unlock stands, as an SQL boolean over a `conversations` row (for RETURNING too). */
  static readonly unlockStandsExpression = `exists(select 1 from payments
    where payments.client_id = conversations.client_id and payments.room_id = conversations.room_id
    and payments.status = '${PaymentStatus.Complete}')`

  /** The other person, seen from `userId`. */
  otherParticipantId(userId: number) {
    return userId === this.clientId ? this.ownerId : this.clientId
  }
}
