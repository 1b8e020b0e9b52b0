import { listen } from '../live.js'
import { createHistory } from './history.js'
import { createReceipts } from './receipts.js'
import { setUpSendForm } from './send.js'
import { createThread } from './thread.js'
import { createTimeline } from './timeline.js'
import { createTypingIndicator, sendTypingSignals } from './typing.js'

/**
 * A conversation page made live: sending without reload (idempotent,
 * retried), new messages at once, typing, read receipts, and catching up
 * after a dropped connection from the last id received by stream or
 * history (timeline.js), so nothing is skipped, doubled or out of order.
 * Every text goes into the page with textContent, never as HTML.
 */
export function setUpChat(root) {
  const chat = {
    conversationId: Number(root.dataset.conversationId),
    me: Number(root.dataset.me),
    list: root.querySelector('[data-message-list]'),
  }
  const rendered = [...chat.list.querySelectorAll('[data-message-id]')].map((row) =>
    Number(row.dataset.messageId)
  )
  const timeline = createTimeline(rendered)
  const receipts = createReceipts(chat, () => timeline.cursor())
  const thread = createThread(chat, timeline, () => receipts.markReadIfVisible())
  const history = createHistory(chat, timeline, thread, () => receipts.markReadIfVisible())
  const typing = createTypingIndicator(root.querySelector('[data-typing]'))

  const { content, outbox } = setUpSendForm(root, chat, thread)
  sendTypingSignals(content, chat.conversationId)
  chat.list
    .querySelector('[data-load-older]')
    ?.addEventListener('click', (event) => history.loadOlder(event.currentTarget))

  followLive(root, chat, { timeline, thread, receipts, typing, history, outbox })
  thread.scrollToEnd()
}

/** The conversation's channel, and catching up whenever the page may have missed something. */
function followLive(root, chat, { timeline, thread, receipts, typing, history, outbox }) {
  const connection = root.querySelector('[data-connection]')
  const onMessage = (event) => {
    if (event?.type === 'message') {
      thread.add([event.message], 'stream')
      if (event.message.senderId !== chat.me) typing.hide()
    } else if (event?.type === 'typing' && event.userId !== chat.me) {
      typing.show()
    } else if (event?.type === 'read' && event.readerId !== chat.me) {
      receipts.showSeen(event.upToId)
    }
  }
  listen(`conversations/${chat.conversationId}`, onMessage, {
    onDown: () => {
      timeline.openGap()
      connection.textContent = 'reconnecting…'
      delete connection.dataset.live
    },
    onReconnect: () => {
      connection.textContent = ''
      connection.dataset.live = 'true'
      history.catchUp()
      outbox.nudge()
    },
  })
    .then(() => {
      connection.textContent = ''
      // Subscribed: what is sent from now on arrives live (tests wait for it).
      connection.dataset.live = 'true'
      history.catchUp()
    })
    .catch(() => {
      connection.textContent = 'offline'
    })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      history.catchUp()
      receipts.markReadIfVisible()
    }
  })
}
