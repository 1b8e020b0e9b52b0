/**
 * The markup of live chat messages, the same as components/chat_message.edge
 * renders on the server. Every text goes in with textContent, never as HTML.
 */

/** A call's entry in the thread ("Video call · 4 min"), centred. */
function renderCallEntry(message) {
  const row = document.createElement('div')
  row.className = 'my-2 flex justify-center'
  row.dataset.messageId = String(message.id)
  row.dataset.senderId = String(message.senderId)
  row.dataset.messageDay = message.day
  row.dataset.callEntry = ''
  row.dataset.testid = 'call-entry'
  const pill = document.createElement('p')
  pill.className = 'rounded-full bg-slate-200 px-3 py-1 text-xs font-medium text-slate-700'
  const text = document.createElement('span')
  text.dataset.messageContent = ''
  text.textContent = message.content
  pill.append(text, ' · ', renderTime(message))
  row.append(pill)
  return row
}

function renderTime(message) {
  const time = document.createElement('time')
  time.dateTime = message.createdAt
  time.textContent = message.time
  return time
}

/** The photo of a message, as a link to the full image. */
function renderImage(message, onImageLoad) {
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
  image.addEventListener('load', onImageLoad)
  link.append(image)
  return link
}

function renderText(message) {
  const text = document.createElement('p')
  text.className = 'whitespace-pre-wrap break-words text-sm'
  text.dataset.messageContent = ''
  text.textContent = message.content
  return text
}

/** The time under a bubble, and the receipt ("Sent", "Seen") on one's own. */
function renderMeta(message, mine) {
  const meta = document.createElement('p')
  meta.className = `mt-0.5 text-right text-[11px] ${mine ? 'text-white/80' : 'text-slate-400'}`
  meta.append(renderTime(message))
  if (mine) {
    const receipt = document.createElement('span')
    receipt.dataset.receipt = ''
    receipt.dataset.testid = 'receipt'
    receipt.textContent = message.readAt ? ' · Seen' : ' · Sent'
    meta.append(receipt)
  }
  return meta
}

function renderBubble(mine) {
  const bubble = document.createElement('div')
  bubble.className = `max-w-[80%] rounded-2xl px-3 py-2 shadow-sm ${mine ? 'rounded-br-sm bg-brand-600 text-white' : 'rounded-bl-sm bg-white text-slate-800'}`
  return bubble
}

/**
 * One message (presentMessage's JSON) as a row of the thread; `me` is the
 * reader's id; `onImageLoad` runs when a photo has loaded (to keep the end in view).
 */
export function renderMessage(message, me, onImageLoad) {
  if (message.callId) return renderCallEntry(message)
  const mine = message.senderId === me
  const row = document.createElement('div')
  row.className = `mb-2 flex ${mine ? 'justify-end' : 'justify-start'}`
  row.dataset.messageId = String(message.id)
  row.dataset.senderId = String(message.senderId)
  row.dataset.messageDay = message.day
  row.dataset.testid = 'message'
  const bubble = renderBubble(mine)
  if (message.imageUrl) bubble.append(renderImage(message, onImageLoad))
  if (message.content) bubble.append(renderText(message))
  bubble.append(renderMeta(message, mine))
  row.append(bubble)
  return row
}

/** The "Today" / "12 March" line that opens a new day in the thread. */
export function renderDaySeparator(day) {
  const separator = document.createElement('p')
  separator.className = 'my-3 text-center text-xs font-medium text-slate-500'
  separator.dataset.day = day
  separator.textContent = day
  return separator
}

/** Marks one's own message row as seen. */
export function showRowSeen(row) {
  const receipt = row.querySelector('[data-receipt]')
  if (receipt) receipt.textContent = ' · Seen'
}

/**
 * One's own message on its way (no id yet): its text and photo as written,
 * and a state line ("Sending…", "Not sent" with a Retry button). It stays
 * after every stored message until the stored copy replaces it.
 */
export function renderPendingMessage({ key, content, imageUrl }) {
  const row = document.createElement('div')
  row.className = 'mb-2 flex justify-end'
  row.dataset.pendingKey = key
  row.dataset.testid = 'message'
  const bubble = renderBubble(true)
  bubble.classList.add('opacity-80')
  if (imageUrl) bubble.append(renderImage({ imageUrl }, () => {}))
  if (content) bubble.append(renderText({ content }))
  const meta = document.createElement('p')
  meta.className = 'mt-0.5 text-right text-[11px] text-white/80'
  const state = document.createElement('span')
  state.dataset.sendState = 'sending'
  state.dataset.testid = 'send-state'
  state.textContent = 'Sending…'
  meta.append(state)
  bubble.append(meta)
  row.append(bubble)
  return row
}

const SEND_STATES = {
  sending: 'Sending…',
  retrying: 'No connection, trying again…',
  failed: 'Not sent',
}

/** Shows where a pending message stands; `onRetry` adds a Retry button (failed). */
export function showPendingState(row, state, onRetry) {
  const line = row.querySelector('[data-send-state]')
  line.dataset.sendState = state
  line.textContent = SEND_STATES[state] ?? state
  row.querySelector('[data-retry-send]')?.remove()
  if (!onRetry) return
  const retry = document.createElement('button')
  retry.type = 'button'
  retry.className = 'ml-1 font-semibold underline'
  retry.dataset.retrySend = ''
  retry.textContent = 'Retry'
  retry.addEventListener('click', onRetry)
  line.after(retry)
}
