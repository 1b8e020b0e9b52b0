import { listen, onReconnect } from '../live.js'
import { createHistory } from './history.js'
import { createReceipts } from './receipts.js'
import { setUpSendForm } from './send.js'
import { createThread } from './thread.js'
import { createTypingIndicator, sendTypingSignals } from './typing.js'

/**
 * A conversation page made live: sending without reload, new messages at
 * once, typing, read receipts, and catching up after a dropped connection
 * (by the last message id this page has, so nothing is lost or doubled).
 * Every text goes into the page with textContent, never as HTML.
 */
export function setUpChat(root) {
  const chat = {
    conversationId: Number(root.dataset.conversationId),
    me: Number(root.dataset.me),
    list: root.querySelector('[data-message-list]'),
  }
  const receipts = createReceipts(chat, () => thread.lastId())
  const thread = createThread(chat, () => receipts.markReadIfVisible())
  const history = createHistory(chat, thread)
  const typing = createTypingIndicator(root.querySelector('[data-typing]'))

  const content = setUpSendForm(root, chat, thread)
  sendTypingSignals(content, chat.conversationId)
  chat.list
    .querySelector('[data-load-older]')
    ?.addEventListener('click', (event) => history.loadOlder(event.currentTarget))

  followLive(root, chat, { thread, receipts, typing, history })
  thread.scrollToEnd()
}

/** The conversation's channel, and catching up whenever the page may have missed something. */
function followLive(root, chat, { thread, receipts, typing, history }) {
  const connection = root.querySelector('[data-connection]')
  listen(`conversations/${chat.conversationId}`, (event) => {
    if (event?.type === 'message') {
      thread.add([event.message])
      if (event.message.senderId !== chat.me) typing.hide()
    } else if (event?.type === 'typing' && event.userId !== chat.me) {
      typing.show()
    } else if (event?.type === 'read' && event.readerId !== chat.me) {
      receipts.showSeen(event.upToId)
    }
  })
    .then(() => {
      connection.textContent = ''
      history.catchUp()
    })
    .catch(() => {
      connection.textContent = 'offline'
    })
  onReconnect(() => history.catchUp())
  window.addEventListener('online', () => history.catchUp())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      history.catchUp()
      receipts.markReadIfVisible()
    }
  })
}
