import db from '@adonisjs/lucid/services/db'
import { PaymentSchema } from '#database/schema'
import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { PaymentStatus } from '#payments/enums/payment_status'
import User from '#models/user'
import Room from '#models/room'
import PaymentEvent from '#models/payment_event'
import { PaymentEventType } from '#payments/enums/payment_event_type'

export type PaymentGatewayName = 'esewa_v2' | 'esewa_v1'

/**
 * One attempt by a client to unlock a room through eSewa (the original
 * Django ClientPayment). Only a server-to-server confirmation from eSewa
 * makes it complete; its events tell everything that happened to it.
 */
export default class Payment extends PaymentSchema {
  @column()
  declare status: PaymentStatus

  @column()
  declare gateway: PaymentGatewayName

  @column({ serializeAs: null })
  declare checkoutTokenHash: string | null

  @belongsTo(() => User, { foreignKey: 'clientId' })
  declare client: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>

  @hasMany(() => PaymentEvent, { onQuery: (query) => query.orderBy('id') })
  declare events: HasMany<typeof PaymentEvent>

  /** The amount in paisa, for exact comparisons. */
  get amountPaisa() {
    return Math.round(Number(this.amount) * 100)
  }

  /**
   * The attempt with this eSewa transaction id (404 when there is none).
   */
  static findByTransactionIdOrFail(transactionId: string) {
    return this.query().where('transactionId', String(transactionId).slice(0, 64)).firstOrFail()
  }

  /**
   * A client's unlock of a room: their complete payment for it, or null.
   * The one definition of "has paid for this room", for policies and pages.
   */
  static unlockOf(clientId: number, roomId: number) {
    return this.#unlockQuery(clientId, roomId).first()
  }

  static #unlockQuery(clientId: number, roomId: number) {
    return this.query()
      .where('clientId', clientId)
      .where('roomId', roomId)
      .where('status', PaymentStatus.Complete)
  }

  /**
   * `unlockOf`, with the id of the conversation the unlock opened in
   * `$extras.conversation_id` (one statement for a room page).
   */
  static unlockWithConversationOf(clientId: number, roomId: number) {
    return this.#unlockQuery(clientId, roomId)
      .select(
        'payments.*',
        db.raw(`(select c.id from conversations c where c.room_id = payments.room_id
          and c.client_id = payments.client_id) as conversation_id`)
      )
      .first()
  }

  /**
   * The complete payments of a client, newest first, with their rooms.
   */
  static unlocksOf(clientId: number) {
    return this.query()
      .where('clientId', clientId)
      .where('status', PaymentStatus.Complete)
      .preload('room', (room) => room.preload('photos').preload('owner'))
      .orderBy('paidAt', 'desc')
  }

  get isComplete() {
    return this.status === PaymentStatus.Complete
  }

  get isPending() {
    return this.status === PaymentStatus.Pending
  }

  /**
   * Whether the latest check with eSewa could not get an answer (the page
   * then says "still checking with eSewa").
   */
  async lastCheckFailed() {
    const last = await PaymentEvent.query()
      .where('paymentId', this.id)
      .where('type', PaymentEventType.VerificationResponse)
      .orderBy('id', 'desc')
      .first()
    return last?.data?.outcome === 'error'
  }
}
