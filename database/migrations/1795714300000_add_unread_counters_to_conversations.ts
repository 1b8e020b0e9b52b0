import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Unread messages per participant, kept on the conversation by statement
 * triggers on `messages` (inserts, reads, deletes; any path, seeds and
 * factories included), so a badge or an inbox reads two integers instead
 * of counting messages. A statement marking 50 messages read updates the
 * conversation once, through the transition tables.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('conversations', (table) => {
      table.integer('client_unread_count').notNullable().defaultTo(0)
      table.integer('owner_unread_count').notNullable().defaultTo(0)
    })
    this.defer(async (db) => {
      for (const [event, tables] of Object.entries(TRANSITION_TABLES)) {
        await db.rawQuery(unreadDeltaFunction(event as keyof typeof TRANSITION_TABLES))
        await db.rawQuery(
          `create trigger messages_unread_after_${event} after ${event} on messages
           referencing ${tables} for each statement execute function messages_unread_${event}()`
        )
      }
      await db.rawQuery(`
        update conversations c set
          client_unread_count = (select count(*) from messages m where m.conversation_id = c.id
            and m.receiver_id = c.client_id and m.read_at is null),
          owner_unread_count = (select count(*) from messages m where m.conversation_id = c.id
            and m.receiver_id = c.owner_id and m.read_at is null)`)
    })
  }

  async down() {
    this.defer(async (db) => {
      for (const event of Object.keys(TRANSITION_TABLES)) {
        await db.rawQuery(`drop trigger if exists messages_unread_after_${event} on messages`)
        await db.rawQuery(`drop function if exists messages_unread_${event}()`)
      }
    })
    this.schema.alterTable('conversations', (table) => {
      table.dropColumn('client_unread_count')
      table.dropColumn('owner_unread_count')
    })
  }
}

const TRANSITION_TABLES = {
  insert: 'new table as new_rows',
  update: 'old table as old_rows new table as new_rows',
  delete: 'old table as old_rows',
}

const ADDED = `select conversation_id, receiver_id, count(*) as delta
  from new_rows where read_at is null group by 1, 2`
const REMOVED = `select conversation_id, receiver_id, -count(*) as delta
  from old_rows where read_at is null group by 1, 2`

/**
 * The trigger function of one event: adds the statement's change in unread
 * messages (per conversation and receiver) to the conversations it touched.
 */
function unreadDeltaFunction(event: keyof typeof TRANSITION_TABLES) {
  const changes = { insert: ADDED, delete: REMOVED, update: `${ADDED} union all ${REMOVED}` }[event]
  return `
create or replace function messages_unread_${event}() returns trigger language plpgsql as $$
begin
  update conversations c set
    client_unread_count = c.client_unread_count + d.client_delta,
    owner_unread_count = c.owner_unread_count + d.owner_delta
  from (
    select ch.conversation_id,
      sum(case when ch.receiver_id = cv.client_id then ch.delta else 0 end)::int as client_delta,
      sum(case when ch.receiver_id = cv.owner_id then ch.delta else 0 end)::int as owner_delta
    from (${changes}) ch join conversations cv on cv.id = ch.conversation_id
    group by ch.conversation_id
  ) d
  where c.id = d.conversation_id and (d.client_delta <> 0 or d.owner_delta <> 0);
  return null;
end $$`
}
