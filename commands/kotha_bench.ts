import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { performance } from 'node:perf_hooks'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Measures the hot paths against a real PostgreSQL (embedded unless one is
 * configured) in a database of its own: listing searches, sending chat
 * messages, unread counts and inboxes. Prints percentiles; asserts nothing.
 */
export default class KothaBench extends BaseCommand {
  static commandName = 'kotha:bench'
  static description = 'Benchmark search, chat and inbox queries (npm run bench)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Repetitions of each measurement', default: 300 })
  declare runs: number

  async run() {
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')
    const migrator = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
    await migrator.run()
    if (migrator.error) throw migrator.error

    const users = await db.from('users').count('* as total').first()
    if (Number(users?.total ?? 0) === 0) {
      const { default: DemoSeeder } = await import('#database/seeders/demo_seeder')
      await new DemoSeeder(db.connection()).run()
    }

    const { RoomSearch } = await import('#rooms/queries/room_search')
    const { default: SendMessage } = await import('#chat/actions/send_message')
    const { unreadCounts } = await import('#chat/queries/unread_counts')
    const { messageHistory } = await import('#chat/queries/message_history')
    const { inbox } = await import('#chat/queries/inbox')
    const { default: User } = await import('#models/user')
    const { default: Room } = await import('#models/room')
    const { unlock } = await this.#unlockHelper()

    const search = new RoomSearch()
    const queries = [
      { q: 'balu' },
      { q: 'furnished room near college' },
      { city: 'lalitpur' as never, maxRent: 15000, sort: 'rent_asc' as const },
      { roomType: 'single' as never, furnished: 'yes' as const },
      {},
    ]
    const results: [string, number[]][] = []
    results.push([
      'listing search (5 kinds of query)',
      await this.#time(this.runs, (index) => search.search(queries[index % queries.length])),
    ])

    const owner = await User.findByOrFail('email', 'sita@kotha.test')
    const client = await User.findByOrFail('email', 'aarav@kotha.test')
    const room = await Room.query().where('ownerId', owner.id).firstOrFail()
    const conversation = await unlock(client, room)
    const sendMessage = new SendMessage()
    results.push([
      'chat: store and broadcast a message',
      await this.#time(this.runs, (index) =>
        sendMessage.handle(client, conversation, { content: `bench message ${index}` })
      ),
    ])
    results.push([
      'chat: unread counts of an owner',
      await this.#time(this.runs, () => unreadCounts(owner.id)),
    ])
    results.push([
      'chat: history page (30 newest)',
      await this.#time(this.runs, () => messageHistory(conversation)),
    ])
    results.push([
      'chat: owner inbox',
      await this.#time(Math.min(this.runs, 100), () => inbox(owner)),
    ])

    this.logger.log('')
    this.logger.log(
      `${'measurement'.padEnd(40)} ${'runs'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`
    )
    for (const [name, samples] of results) {
      const sorted = [...samples].sort((a, b) => a - b)
      const at = (p: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2)
      this.logger.log(
        `${name.padEnd(40)} ${String(samples.length).padStart(5)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)} ${sorted.at(-1)!.toFixed(2).padStart(8)}`
      )
    }
  }

  async #time(runs: number, work: (index: number) => Promise<unknown>) {
    for (let index = 0; index < Math.min(20, runs); index++) await work(index)
    const samples: number[] = []
    for (let index = 0; index < runs; index++) {
      const started = performance.now()
      await work(index)
      samples.push(performance.now() - started)
    }
    return samples
  }

  /**
   * A completed unlock for the bench's own client, as a verified payment leaves it.
   */
  async #unlockHelper() {
    const { randomUUID } = await import('node:crypto')
    const { DateTime } = await import('luxon')
    const { default: Payment } = await import('#models/payment')
    const { default: Conversation } = await import('#models/conversation')
    const { default: OpenConversation } = await import('#chat/actions/open_conversation')
    return {
      unlock: async (client: { id: number }, room: { id: number; ownerId: number }) => {
        const existing = await Conversation.query()
          .where('roomId', room.id)
          .where('clientId', client.id)
          .first()
        if (existing) return existing
        return db.transaction(async (trx) => {
          const payment = await Payment.create(
            {
              clientId: client.id,
              ownerId: room.ownerId,
              roomId: room.id,
              amount: '30.00',
              status: 'complete' as never,
              transactionId: randomUUID(),
              gateway: 'esewa_v2',
              productCode: 'EPAYTEST',
              amountSent: '30',
              paidAt: DateTime.now(),
              expiresAt: DateTime.now(),
            },
            { client: trx }
          )
          const { conversation } = await new OpenConversation().handle(payment, trx)
          return conversation
        })
      },
    }
  }
}
