import { listen } from '../live.js'
import { currentStatus, postAction, signalsAfter } from './api.js'
import { isOver, setState, setUpControls, showOver } from './controls.js'
import { getMedia, showLocalMedia } from './media.js'
import { onCallEvent, startPeer } from './peer.js'

/** The call page's state, shared by its modules. */
function callOf(root) {
  return {
    root,
    id: Number(root.dataset.callId),
    role: root.dataset.role,
    iceServers: JSON.parse(root.dataset.iceServers || '[]'),
    status: root.dataset.status,
    peer: null,
    stream: null,
    connectedAt: null,
    timer: null,
    pendingSignals: [],
    // The last signal id from the other side this page handled: a catch-up asks for what follows.
    lastSignalId: Number(root.dataset.lastSignalId || 0),
    // Signals leave one at a time, so the other side receives them in order.
    outbox: Promise.resolve(),
    ui: {
      stateLine: root.querySelector('[data-call-state]'),
      timerLine: root.querySelector('[data-call-timer]'),
      localVideo: root.querySelector('[data-local-video]'),
      remoteVideo: root.querySelector('[data-remote-video]'),
      micButton: root.querySelector('[data-toggle-mic]'),
      cameraButton: root.querySelector('[data-toggle-camera]'),
      hangUpButton: root.querySelector('[data-hang-up]'),
    },
  }
}

/**
 * The video call page. The caller always starts the WebRTC negotiation
 * (simple-peer initiator) once the callee has answered from this page and
 * listens for signals, so two offers never collide. Signals go up by POST,
 * in order, and come down on the call's private Transmit channel.
 */
export async function setUpCall(root) {
  const call = callOf(root)
  setUpControls(call)
  if (isOver(call.status)) return showOver(call, call.status)

  call.stream = await getMedia(root)
  showLocalMedia(call)
  await listen(`calls/${call.id}`, (event) => onCallEvent(call, event), {
    onReconnect: () => catchUp(call),
  })

  // Where the call stands now (it may have moved while the page loaded).
  call.status = await currentStatus(call, call.status)
  if (isOver(call.status)) return showOver(call, call.status)
  if (call.role === 'callee') return answer(call)
  if (call.status === 'accepted') await startPeer(call, true)
  else setState(call, 'Calling…')
}

/** The callee's side: answers a ringing call from this page, or rejoins an accepted one. */
async function answer(call) {
  if (call.status !== 'ringing') return startPeer(call, false)
  setState(call, 'Connecting…')
  await startPeer(call, false)
  const response = await postAction(call, 'accept')
  if (!response.ok) {
    const body = await response.json().catch(() => null)
    showOver(call, body?.error?.code === 'E_CALL_OVER' ? 'missed' : 'failed')
    return
  }
  call.status = 'accepted'
}

/**
 * Back after a dropped stream: nothing sent meanwhile reached this page, so
 * it reads where the call stands (answered? ended?) and the signals the
 * other side sent since the last one it handled.
 */
async function catchUp(call) {
  if (isOver(call.status)) return
  const status = await currentStatus(call, call.status)
  if (status !== call.status) onCallEvent(call, { type: 'call.status', status })
  for (let page = 0; page < 10 && !isOver(call.status); page++) {
    const body = await signalsAfter(call, call.lastSignalId)
    if (!body) return
    for (const signal of body.data) onCallEvent(call, signal)
    if (!body.meta.hasMore) return
  }
}
