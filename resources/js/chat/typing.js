import { postJson } from '../lib/http.js'

/** The "typing…" line: shown on a typing signal, hidden after 3.5 s or on their message. */
export function createTypingIndicator(label) {
  let typingTimer = null
  return {
    show() {
      label.classList.remove('hidden')
      clearTimeout(typingTimer)
      typingTimer = setTimeout(() => label.classList.add('hidden'), 3500)
    },
    hide() {
      label.classList.add('hidden')
    },
  }
}

/** Tells the other person this one is typing, at most every 2.5 s and only with text. */
export function sendTypingSignals(content, conversationId) {
  let lastTypingSent = 0
  content.addEventListener('input', () => {
    if (Date.now() - lastTypingSent > 2500 && content.value.trim()) {
      lastTypingSent = Date.now()
      postJson('/api/messages/typing', { conversation_id: conversationId }).catch(() => {})
    }
  })
}
