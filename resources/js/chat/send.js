import { postForm } from '../lib/http.js'

/** The server's refusal as one sentence: the first field message, else its message. */
function refusalOf(body) {
  const fields = body?.error?.fields ?? {}
  const first = Object.values(fields).flat()[0]
  return first ?? body?.error?.message ?? 'Could not send. Try again.'
}

/** The form's text and photo as the send endpoint expects them. */
function formDataOf(conversationId, content, imageInput) {
  const data = new FormData()
  data.set('conversation_id', String(conversationId))
  if (content.value.trim()) data.set('content', content.value)
  if (imageInput.files.length) data.set('image', imageInput.files[0])
  return data
}

/** The composer's elements inside a conversation page. */
function composerOf(root) {
  return {
    form: root.querySelector('[data-send-form]'),
    content: root.querySelector('[data-content-input]'),
    imageInput: root.querySelector('[data-image-input]'),
    imageChosen: root.querySelector('[data-image-chosen]'),
    sendButton: root.querySelector('[data-send-button]'),
    sendError: root.querySelector('[data-send-error]'),
    counter: root.querySelector('[data-count]'),
  }
}

/**
 * Sending without reload: the button shows "Sending…", the server's answer
 * (the message as stored) joins the thread and the composer empties; a
 * refusal or a lost connection shows under the form. Returns the text input.
 */
export function setUpSendForm(root, chat, thread) {
  const ui = composerOf(root)
  const { form, content, imageInput, imageChosen, sendButton, sendError, counter } = ui

  function sent(message) {
    thread.add([message])
    content.value = ''
    imageInput.value = ''
    imageChosen.classList.add('hidden')
    counter.textContent = '0'
    thread.scrollToEnd()
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!content.value.trim() && !imageInput.files.length) return
    sendButton.disabled = true
    sendButton.textContent = 'Sending…'
    sendError.classList.add('hidden')
    try {
      const data = formDataOf(chat.conversationId, content, imageInput)
      const response = await postForm('/api/messages/send', data)
      const body = await response.json().catch(() => ({}))
      if (!response.ok) throw new Error(refusalOf(body))
      sent(body.data)
    } catch (error) {
      sendError.textContent =
        error instanceof TypeError ? 'No connection. Your message was not sent.' : error.message
      sendError.classList.remove('hidden')
    } finally {
      sendButton.disabled = false
      sendButton.textContent = 'Send'
    }
  })
  setUpComposer(ui)
  return content
}

/** Enter sends (Shift+Enter is a new line), the counter follows, a chosen photo is named. */
function setUpComposer({ form, content, imageInput, imageChosen, counter }) {
  content.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  content.addEventListener('input', () => {
    counter.textContent = String(content.value.length)
  })
  imageInput.addEventListener('change', () => {
    const file = imageInput.files[0]
    imageChosen.textContent = file ? `Photo: ${file.name}` : ''
    imageChosen.classList.toggle('hidden', !file)
  })
}
