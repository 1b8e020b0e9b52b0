import { ConversationSchema } from '#database/schema'
import { belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Room from '#models/room'
import Message from '#models/message'

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

  /** The other person, seen from `userId`. */
  otherParticipantId(userId: number) {
    return userId === this.clientId ? this.ownerId : this.clientId
  }
}
