import {
  renderDaySeparator,
  renderMessage,
  renderPendingMessage,
  showPendingState,
} from './render.js'

/** One separator before the first message of each day, wherever rows were inserted. */
function redrawDays(list) {
  list.querySelectorAll('[data-day]').forEach((separator) => separator.remove())
  let previous = null
  for (const row of list.querySelectorAll('[data-message-day]')) {
    if (row.dataset.messageDay !== previous) row.before(renderDaySeparator(row.dataset.messageDay))
    previous = row.dataset.messageDay
  }
}

/** Removes a pending bubble, and frees the local preview of its photo. */
function removePending(row) {
  row?.querySelectorAll('img[src^="blob:"]').forEach((image) => URL.revokeObjectURL(image.src))
  row?.remove()
}

/**
 * The message list of a conversation page, drawn from its timeline
 * (timeline.js decides the order and the catch-up cursor; this only puts
 * rows where it says): stored messages in id order, each once, one's own
 * pending sends after them, day separators redrawn, the end kept in view.
 * `onOtherMessages` runs when messages from the other person were added.
 */
export function createThread(chat, timeline, onOtherMessages) {
  const { list, me } = chat
  const scrollToEnd = () => list.scrollTo({ top: list.scrollHeight })
  const nearEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < 120
  const render = (message) => renderMessage(message, me, () => nearEnd() && scrollToEnd())
  const rowOf = (id) => list.querySelector(`[data-message-id="${Number(id)}"]`)
  const pendingRow = (key) =>
    [...list.querySelectorAll('[data-pending-key]')].find((row) => row.dataset.pendingKey === key)

  /** Puts the timeline's new rows in place; returns whether any came from the other person. */
  function place(messages, source) {
    const { added, confirmed } = timeline.receive(messages, source)
    for (const key of confirmed) removePending(pendingRow(key))
    let fromOther = false
    for (const { message, before } of added) {
      list.querySelector('[data-empty]')?.remove()
      const anchor = before === null ? list.querySelector('[data-pending-key]') : rowOf(before)
      list.insertBefore(render(message), anchor)
      if (message.senderId !== me) fromOther = true
    }
    if (added.length) redrawDays(list)
    return fromOther
  }

  /** Adds messages from `source` ('stream', 'history', 'sent'), each once, in id order. */
  function add(messages, source) {
    const stick = nearEnd()
    const fromOther = place(messages, source)
    if (stick || fromOther) scrollToEnd()
    if (fromOther) onOtherMessages()
  }

  /** Older messages from the history API, keeping the view where it was. */
  function insertOlder(messages) {
    const previousHeight = list.scrollHeight
    place(messages, 'history')
    list.scrollTop += list.scrollHeight - previousHeight
  }

  /** One's own message on its way, after everything stored. */
  function addPending(draft) {
    timeline.expect(draft.key)
    list.querySelector('[data-empty]')?.remove()
    list.append(renderPendingMessage(draft))
    scrollToEnd()
  }

  /** "Sending…", "trying again…", or "Not sent" with Retry, on a pending bubble. */
  function showPending(key, state, onRetry) {
    const row = pendingRow(key)
    if (row) showPendingState(row, state, onRetry)
  }

  /** A send the server refused: its bubble goes. */
  function dropPending(key) {
    timeline.forget(key)
    removePending(pendingRow(key))
  }

  return {
    add,
    insertOlder,
    addPending,
    showPending,
    dropPending,
    isPending: (key) => timeline.isPending(key),
    oldestId: () => timeline.ids()[0],
    scrollToEnd,
  }
}
