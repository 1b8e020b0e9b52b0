/**
 * What a chat page shows, as data (no DOM, no network): which messages,
 * in which order, and from where a catch-up asks for what it missed.
 *
 * The rules:
 * 1. Messages are kept in id order, the server's order (sends in one
 *    conversation are stored one at a time, so ids follow commit order),
 *    each id once, whatever order they arrive in.
 * 2. The catch-up cursor is the largest id received through the history
 *    API (the server-rendered page counts) or the live stream. The page's
 *    own sends (POST answers) never move it: while the stream was down,
 *    the other person's messages may have lower ids than mine, and
 *    `after=<my id>` would skip them.
 * 3. After a drop (and at page load, before the first catch-up) a gap is
 *    open: stream messages are shown but do not move the cursor, since
 *    older ones may be missing. A catch-up that reaches the end closes the
 *    gap, unless the stream dropped again meanwhile.
 * 4. Own messages on their way (pending, known by their client key) stay
 *    after every stored message until the stored copy arrives, by any
 *    route (POST answer, stream, history); it then takes its place by id.
 */

/** Index at which `id` goes in the ascending array `ids` (binary search). */
function insertionIndex(ids, id) {
  let low = 0
  let high = ids.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (ids[middle] < id) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * A page's timeline, starting from the ids it was rendered with (history).
 */
export function createTimeline(initialIds = []) {
  const ids = [...new Set(initialIds.map(Number))].sort((a, b) => a - b)
  const known = new Set(ids)
  const pending = new Set()
  let cursor = ids.length ? ids.at(-1) : 0
  let gapEpoch = 1
  let gapOpen = true
  let gapMax = 0

  /** Moves the cursor as rule 2 and 3 say, for one message from `source`. */
  function advance(id, source) {
    if (source === 'history') cursor = Math.max(cursor, id)
    else if (source === 'stream') {
      if (gapOpen) gapMax = Math.max(gapMax, id)
      else cursor = Math.max(cursor, id)
    }
  }

  /**
   * Takes messages from 'stream', 'history' or 'sent' (the page's own POST
   * answers). Returns what changed: `added`, in ascending id order, each
   * with `before`, the id of the shown message it goes in front of (null:
   * after every stored message); `confirmed`, client keys of pending sends
   * whose stored copy this was.
   */
  function receive(messages, source) {
    const added = []
    const confirmed = []
    for (const message of [...messages].sort((a, b) => a.id - b.id)) {
      const id = Number(message.id)
      if (message.clientKey && pending.delete(message.clientKey)) confirmed.push(message.clientKey)
      advance(id, source)
      if (known.has(id)) continue
      const index = insertionIndex(ids, id)
      ids.splice(index, 0, id)
      known.add(id)
      added.push({ message, before: index + 1 < ids.length ? ids[index + 1] : null })
    }
    return { added, confirmed }
  }

  return {
    receive,
    /** Where a catch-up starts: `after=` this id. */
    cursor: () => cursor,
    /** The ids shown, ascending. */
    ids: () => [...ids],
    has: (id) => known.has(Number(id)),
    /** The stream dropped (or a subscription failed): a gap opens. Returns its epoch. */
    openGap() {
      if (!gapOpen) gapMax = 0
      gapOpen = true
      gapEpoch += 1
      return gapEpoch
    },
    /** The epoch a catch-up starting now must report to closeGap. */
    gapEpoch: () => gapEpoch,
    isGapOpen: () => gapOpen,
    /**
     * A catch-up started at `epoch` read everything up to the end: the gap
     * closes and stream messages seen meanwhile count. False if the stream
     * dropped again since (the gap stays open for the next catch-up).
     */
    closeGap(epoch) {
      if (!gapOpen) return true
      if (epoch !== gapEpoch) return false
      gapOpen = false
      cursor = Math.max(cursor, gapMax)
      gapMax = 0
      return true
    },
    /** An own send on its way, by its client key. */
    expect: (key) => pending.add(key),
    isPending: (key) => pending.has(key),
    /** An own send given up (refused): no stored copy will come. */
    forget: (key) => pending.delete(key),
  }
}
