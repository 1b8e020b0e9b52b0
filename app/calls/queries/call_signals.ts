import type Call from '#models/call'
import CallSignal from '#models/call_signal'
import type User from '#models/user'

/** Most signals one catch-up returns (a call sends a few dozen). */
export const SIGNALS_PAGE_SIZE = 200

/**
 * The signals the other participant sent in a call after an id, oldest
 * first: what a call page missed while its stream was down. A page's own
 * signals are never handed back to it.
 */
export async function signalsFromOther(reader: User, call: Call, after: number) {
  const signals = await CallSignal.query()
    .where('callId', call.id)
    .whereNot('senderId', reader.id)
    .where('id', '>', after)
    .orderBy('id', 'asc')
    .limit(SIGNALS_PAGE_SIZE + 1)
  return {
    signals: signals.slice(0, SIGNALS_PAGE_SIZE),
    hasMore: signals.length > SIGNALS_PAGE_SIZE,
  }
}

/** The last signal id the other participant sent so far (0 for none): a new page's cursor. */
export async function lastSignalIdFromOther(reader: User, call: Call) {
  const row = await CallSignal.query()
    .where('callId', call.id)
    .whereNot('senderId', reader.id)
    .max('id as last')
    .first()
  return Number(row?.$extras.last ?? 0)
}
