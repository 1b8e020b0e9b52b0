import { renderDaySeparator, renderMessage } from './render.js'

/**
 * The message list of a conversation page: which messages it holds (by id),
 * adding new ones in id order without doubles, and keeping the end in view.
 * `onOtherMessages` runs when messages from the other person were added.
 */
export function createThread(chat, onOtherMessages) {
  const { list, me } = chat
  const ids = () =>
    [...list.querySelectorAll('[data-message-id]')].map((node) => Number(node.dataset.messageId))
  const lastId = () => Math.max(0, ...ids())
  const scrollToEnd = () => list.scrollTo({ top: list.scrollHeight })
  const nearEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < 120
  const lastDay = () => [...list.querySelectorAll('[data-day]')].at(-1)?.dataset.day
  const render = (message) => renderMessage(message, me, () => nearEnd() && scrollToEnd())

  /** Adds messages the page does not have yet, in id order. */
  function add(messages) {
    const stick = nearEnd()
    const known = new Set(ids())
    let addedFromOther = false
    for (const message of [...messages].sort((a, b) => a.id - b.id)) {
      if (known.has(message.id)) continue
      list.querySelector('[data-empty]')?.remove()
      if (lastDay() !== message.day) list.append(renderDaySeparator(message.day))
      list.append(render(message))
      known.add(message.id)
      if (message.senderId !== me) addedFromOther = true
    }
    if (stick || addedFromOther) scrollToEnd()
    if (addedFromOther) onOtherMessages()
  }

  /** Puts older messages (newest first) before `anchor`, keeping the view where it was. */
  function insertOlder(messages, anchor) {
    const previousHeight = list.scrollHeight
    for (const message of [...messages].reverse()) {
      if (ids().includes(message.id)) continue
      list.insertBefore(render(message), anchor)
    }
    list.scrollTop += list.scrollHeight - previousHeight
  }

  return { ids, lastId, add, insertOlder, scrollToEnd }
}
