import { hangUpBeacon, postAction } from './api.js'

const OVER = ['ended', 'rejected', 'missed', 'cancelled', 'busy', 'failed']
const OVER_TITLES = {
  ended: 'Call ended',
  rejected: 'Call declined',
  missed: 'No answer',
  cancelled: 'Call cancelled',
  busy: 'Busy on another call',
  failed: 'The call could not connect',
}

/** Whether the call is finished (one way or another). */
export function isOver(status) {
  return OVER.includes(status)
}

/** The line under the videos: "Calling…", "Connected", "Reconnecting…". */
export function setState(call, text) {
  call.ui.stateLine.textContent = text
}

/** Counts the connected time, once a second, in the timer line. */
export function startTimer(call) {
  call.timer = setInterval(() => {
    call.ui.timerLine.textContent = clock(Math.round((Date.now() - call.connectedAt) / 1000))
  }, 1000)
}

/** Ends the page's side of the call: stops media and peer, shows why and how long. */
export function showOver(call, finalStatus, durationSeconds) {
  if (call.timer) clearInterval(call.timer)
  call.status = finalStatus
  call.peer?.destroy()
  call.peer = null
  call.stream?.getTracks().forEach((track) => track.stop())
  call.root.dataset.status = finalStatus
  setState(call, OVER_TITLES[finalStatus] ?? 'Call ended')
  const panel = call.root.querySelector('[data-call-over]')
  panel.querySelector('[data-call-over-title]').textContent =
    OVER_TITLES[finalStatus] ?? 'Call ended'
  const seconds =
    durationSeconds ??
    (call.connectedAt ? Math.round((Date.now() - call.connectedAt) / 1000) : null)
  panel.querySelector('[data-call-over-detail]').textContent =
    finalStatus === 'ended' && seconds !== null ? `Duration ${formatDuration(seconds)}` : ''
  panel.classList.remove('hidden')
  panel.classList.add('flex')
  call.ui.hangUpButton.disabled = true
}

/** Hangs up on the server, then shows the status (and duration) it answers with. */
export async function hangUp(call, reason) {
  if (isOver(call.status)) return
  const response = await postAction(call, 'hangup', { reason }).catch(() => null)
  const body = await response?.json().catch(() => null)
  showOver(call, body?.data?.status ?? 'ended', body?.data?.durationSeconds)
}

/** A toggle button that enables or disables some of the stream's tracks. */
function trackToggle(button, tracksOf, labels) {
  button.addEventListener('click', () => {
    const pressed = button.getAttribute('aria-pressed') !== 'true'
    tracksOf().forEach((track) => (track.enabled = !pressed))
    button.setAttribute('aria-pressed', String(pressed))
    button.textContent = pressed ? labels.pressed : labels.released
  })
}

/** Mute, camera off, hang up; closing the tab ends the call for both. */
export function setUpControls(call) {
  const { micButton, cameraButton, hangUpButton } = call.ui
  trackToggle(micButton, () => call.stream?.getAudioTracks() ?? [], {
    pressed: 'Unmute',
    released: 'Mute',
  })
  trackToggle(cameraButton, () => call.stream?.getVideoTracks() ?? [], {
    pressed: 'Camera on',
    released: 'Camera off',
  })
  hangUpButton.addEventListener('click', () => hangUp(call, 'hung up'))
  window.addEventListener('pagehide', () => {
    if (!isOver(call.status)) hangUpBeacon(call)
  })
}

function clock(seconds) {
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
}

function formatDuration(seconds) {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (hours) return `${hours} h ${minutes} min`
  if (minutes) return `${minutes} min ${rest} s`
  return `${rest} s`
}
