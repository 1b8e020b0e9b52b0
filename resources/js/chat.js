import { listen, onReconnect } from './live.js'

/**
 * A conversation page made live: sending without reload, new messages at
 * once, typing, read receipts, and catching up after a dropped connection
 * (by the last message id this page has, so nothing is lost or doubled).
 * Every text goes into the page with textContent, never as HTML.
 */
export function setUpChat(root) {
  const conversationId = Number(root.dataset.conversationId)
  const me = Number(root.dataset.me)
  const list = root.querySelector('[data-message-list]')
  const form = root.querySelector('[data-send-form]')
  const content = root.querySelector('[data-content-input]')
  const imageInput = root.querySelector('[data-image-input]')
  const imageChosen = root.querySelector('[data-image-chosen]')
  const sendButton = root.querySelector('[data-send-button]')
  const sendError = root.querySelector('[data-send-error]')
  const counter = root.querySelector('[data-count]')
  const typingLabel = root.querySelector('[data-typing]')
  const connection = root.querySelector('[data-connection]')
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content
  const jsonHeaders = { 'Accept': 'application/json', 'X-CSRF-TOKEN': csrfToken }

  const ids = () =>
    [...list.querySelectorAll('[data-message-id]')].map((node) => Number(node.dataset.messageId))
  const lastId = () => Math.max(0, ...ids())
  const scrollToEnd = () => list.scrollTo({ top: list.scrollHeight })
  const nearEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < 120

  function dayLabel(message) {
    const labels = [...list.querySelectorAll('[data-day]')]
    return labels.at(-1)?.dataset.day
  }

  function renderCallEntry(message) {
    const row = document.createElement('div')
    row.className = 'my-2 flex justify-center'
    row.dataset.messageId = String(message.id)
    row.dataset.senderId = String(message.senderId)
    row.dataset.callEntry = ''
    row.dataset.testid = 'call-entry'
    const pill = document.createElement('p')
    pill.className = 'rounded-full bg-slate-200 px-3 py-1 text-xs font-medium text-slate-700'
    const text = document.createElement('span')
    text.dataset.messageContent = ''
    text.textContent = message.content
    const time = document.createElement('time')
    time.dateTime = message.createdAt
    time.textContent = message.time
    pill.append(text, ' · ', time)
    row.append(pill)
    return row
  }

  function renderMessage(message) {
    if (message.callId) return renderCallEntry(message)
    const mine = message.senderId === me
    const row = document.createElement('div')
    row.className = `mb-2 flex ${mine ? 'justify-end' : 'justify-start'}`
    row.dataset.messageId = String(message.id)
    row.dataset.senderId = String(message.senderId)
    row.dataset.testid = 'message'
    const bubble = document.createElement('div')
    bubble.className = `max-w-[80%] rounded-2xl px-3 py-2 shadow-sm ${mine ? 'rounded-br-sm bg-brand-600 text-white' : 'rounded-bl-sm bg-white text-slate-800'}`
    if (message.imageUrl) {
      const link = document.createElement('a')
      link.href = message.imageUrl
      link.target = '_blank'
      link.rel = 'noopener'
      link.className = 'mb-1 block'
      link.dataset.messageImage = ''
      const image = document.createElement('img')
      image.src = message.imageUrl
      image.alt = 'Photo from the chat'
      image.className = 'max-h-64 rounded-lg'
      image.addEventListener('load', () => nearEnd() && scrollToEnd())
      link.append(image)
      bubble.append(link)
    }
    if (message.content) {
      const text = document.createElement('p')
      text.className = 'whitespace-pre-wrap break-words text-sm'
      text.dataset.messageContent = ''
      text.textContent = message.content
      bubble.append(text)
    }
    const meta = document.createElement('p')
    meta.className = `mt-0.5 text-right text-[11px] ${mine ? 'text-white/80' : 'text-slate-400'}`
    const time = document.createElement('time')
    time.dateTime = message.createdAt
    time.textContent = message.time
    meta.append(time)
    if (mine) {
      const receipt = document.createElement('span')
      receipt.dataset.receipt = ''
      receipt.dataset.testid = 'receipt'
      receipt.textContent = message.readAt ? ' · Seen' : ' · Sent'
      meta.append(receipt)
    }
    bubble.append(meta)
    row.append(bubble)
    return row
  }

  /** Adds messages the page does not have yet, in id order. */
  function addMessages(messages) {
    const stick = nearEnd()
    const known = new Set(ids())
    let addedFromOther = false
    for (const message of [...messages].sort((a, b) => a.id - b.id)) {
      if (known.has(message.id)) continue
      list.querySelector('[data-empty]')?.remove()
      if (dayLabel() !== message.day) {
        const separator = document.createElement('p')
        separator.className = 'my-3 text-center text-xs font-medium text-slate-500'
        separator.dataset.day = message.day
        separator.textContent = message.day
        list.append(separator)
      }
      list.append(renderMessage(message))
      known.add(message.id)
      if (message.senderId !== me) addedFromOther = true
    }
    if (stick || addedFromOther) scrollToEnd()
    if (addedFromOther) markReadIfVisible()
  }

  let readTimer = null
  function markReadIfVisible() {
    if (document.visibilityState !== 'visible') return
    clearTimeout(readTimer)
    readTimer = setTimeout(() => {
      fetch('/api/messages/read', {
        method: 'POST',
        headers: { ...jsonHeaders, 'Content-Type': 'application/json' },
        body: JSON.stringify({ conversation_id: conversationId, up_to_id: lastId() }),
      }).catch(() => {})
    }, 300)
  }

  function showSeen(upToId) {
    list.querySelectorAll(`[data-sender-id="${me}"]`).forEach((row) => {
      if (Number(row.dataset.messageId) <= upToId) {
        const receipt = row.querySelector('[data-receipt]')
        if (receipt) receipt.textContent = ' · Seen'
      }
    })
  }

  let typingTimer = null
  function showTyping() {
    typingLabel.classList.remove('hidden')
    clearTimeout(typingTimer)
    typingTimer = setTimeout(() => typingLabel.classList.add('hidden'), 3500)
  }

  /** Fetches everything after the last message this page has. */
  async function catchUp() {
    let after = lastId()
    for (let page = 0; page < 20; page++) {
      const response = await fetch(
        `/api/messages?conversation_id=${conversationId}&after=${after}`,
        { headers: jsonHeaders }
      ).catch(() => null)
      if (!response?.ok) return
      const body = await response.json()
      addMessages(body.data)
      if (!body.meta.hasMore || !body.data.length) return
      after = body.data.at(-1).id
    }
  }

  async function loadOlder(button) {
    const before = Math.min(...ids())
    button.disabled = true
    const response = await fetch(
      `/api/messages?conversation_id=${conversationId}&before=${before}`,
      { headers: jsonHeaders }
    ).catch(() => null)
    if (!response?.ok) {
      button.disabled = false
      return
    }
    const body = await response.json()
    const previousHeight = list.scrollHeight
    const anchor = button.parentElement.nextSibling
    for (const message of [...body.data].reverse()) {
      if (ids().includes(message.id)) continue
      list.insertBefore(renderMessage(message), anchor)
    }
    list.scrollTop += list.scrollHeight - previousHeight
    if (!body.meta.hasMore) button.parentElement.remove()
    else button.disabled = false
  }

  // Sending without reload; the server's answer is the message as stored.
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!content.value.trim() && !imageInput.files.length) return
    sendButton.disabled = true
    sendButton.textContent = 'Sending…'
    sendError.classList.add('hidden')
    const data = new FormData()
    data.set('conversation_id', String(conversationId))
    if (content.value.trim()) data.set('content', content.value)
    if (imageInput.files.length) data.set('image', imageInput.files[0])
    try {
      const response = await fetch('/api/messages/send', {
        method: 'POST',
        headers: jsonHeaders,
        body: data,
      })
      const body = await response.json().catch(() => ({}))
      if (!response.ok) {
        const fields = body?.error?.fields ?? {}
        const first = Object.values(fields).flat()[0]
        throw new Error(first ?? body?.error?.message ?? 'Could not send. Try again.')
      }
      addMessages([body.data])
      content.value = ''
      imageInput.value = ''
      imageChosen.classList.add('hidden')
      counter.textContent = '0'
      scrollToEnd()
    } catch (error) {
      sendError.textContent =
        error instanceof TypeError ? 'No connection. Your message was not sent.' : error.message
      sendError.classList.remove('hidden')
    } finally {
      sendButton.disabled = false
      sendButton.textContent = 'Send'
    }
  })

  content.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  let lastTypingSent = 0
  content.addEventListener('input', () => {
    counter.textContent = String(content.value.length)
    if (Date.now() - lastTypingSent > 2500 && content.value.trim()) {
      lastTypingSent = Date.now()
      fetch('/api/messages/typing', {
        method: 'POST',
        headers: { ...jsonHeaders, 'Content-Type': 'application/json' },
        body: JSON.stringify({ conversation_id: conversationId }),
      }).catch(() => {})
    }
  })

  imageInput.addEventListener('change', () => {
    const file = imageInput.files[0]
    imageChosen.textContent = file ? `Photo: ${file.name}` : ''
    imageChosen.classList.toggle('hidden', !file)
  })

  list
    .querySelector('[data-load-older]')
    ?.addEventListener('click', (event) => loadOlder(event.currentTarget))

  listen(`conversations/${conversationId}`, (event) => {
    if (event?.type === 'message') {
      addMessages([event.message])
      if (event.message.senderId !== me) typingLabel.classList.add('hidden')
    } else if (event?.type === 'typing' && event.userId !== me) {
      showTyping()
    } else if (event?.type === 'read' && event.readerId !== me) {
      showSeen(event.upToId)
    }
  })
    .then(() => {
      connection.textContent = ''
      catchUp()
    })
    .catch(() => {
      connection.textContent = 'offline'
    })
  onReconnect(() => catchUp())
  window.addEventListener('online', () => catchUp())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      catchUp()
      markReadIfVisible()
    }
  })

  scrollToEnd()
}
