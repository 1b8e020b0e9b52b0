import { randomId } from '../lib/backoff.js'
import { createOutbox } from './outbox.js'

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
 * Sending without reload: the message shows at once as a pending bubble
 * ("Sending…") and the composer empties; the outbox sends it with its own
 * idempotency key (retried with the same key when the answer is lost) and
 * the stored copy takes the bubble's place. A refusal removes the bubble,
 * puts the text back and shows why under the form. Returns the text input.
 */
export function setUpSendForm(root, chat, thread) {
  const ui = composerOf(root)
  const { form, content, imageInput, imageChosen, sendError, counter } = ui

  const outbox = createOutbox(chat, thread, (draft, reason) => {
    if (!content.value.trim()) {
      content.value = draft.content
      counter.textContent = String(content.value.length)
    }
    sendError.textContent = reason
    sendError.classList.remove('hidden')
  })

  function clearComposer() {
    content.value = ''
    imageInput.value = ''
    imageChosen.classList.add('hidden')
    counter.textContent = '0'
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const file = imageInput.files[0] ?? null
    if (!content.value.trim() && !file) return
    sendError.classList.add('hidden')
    const draft = {
      key: randomId(),
      content: content.value,
      file,
      imageUrl: file ? URL.createObjectURL(file) : null,
    }
    thread.addPending(draft)
    clearComposer()
    outbox.send(draft)
  })
  setUpComposer(ui)
  return { content, outbox }
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
