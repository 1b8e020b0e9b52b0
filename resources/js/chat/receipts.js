import { postJson } from '../lib/http.js'
import { showRowSeen } from './render.js'

/**
 * Read receipts both ways: tells the server what this reader has seen
 * (only while the page is visible), and marks one's own messages "Seen".
 * `lastId` is the timeline's cursor: messages missed while the stream was
 * down, not shown yet, are not reported read.
 */
export function createReceipts(chat, lastId) {
  let readTimer = null

  /** Reports the thread read up to its last message, shortly, if the page is visible. */
  function markReadIfVisible() {
    if (document.visibilityState !== 'visible') return
    clearTimeout(readTimer)
    readTimer = setTimeout(() => {
      postJson('/api/messages/read', {
        conversation_id: chat.conversationId,
        up_to_id: lastId(),
      }).catch(() => {})
    }, 300)
  }

  /** The other person read up to `upToId`: one's own messages up to it read "Seen". */
  function showSeen(upToId) {
    chat.list.querySelectorAll(`[data-sender-id="${chat.me}"]`).forEach((row) => {
      if (Number(row.dataset.messageId) <= upToId) showRowSeen(row)
    })
  }

  return { markReadIfVisible, showSeen }
}
