import { listen } from './live.js'
import { loadSimplePeer } from './simple_peer.js'

const OVER = ['ended', 'rejected', 'missed', 'cancelled', 'busy', 'failed']
const OVER_TITLES = {
  ended: 'Call ended',
  rejected: 'Call declined',
  missed: 'No answer',
  cancelled: 'Call cancelled',
  busy: 'Busy on another call',
  failed: 'The call could not connect',
}

/**
 * The video call page. The caller always starts the WebRTC negotiation
 * (simple-peer initiator) once the callee has answered from this page and
 * listens for signals, so two offers never collide. Signals go up by POST,
 * in order, and come down on the call's private Transmit channel.
 */
export async function setUpCall(root) {
  const callId = Number(root.dataset.callId)
  const role = root.dataset.role
  const iceServers = JSON.parse(root.dataset.iceServers || '[]')
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content
  const stateLine = root.querySelector('[data-call-state]')
  const timerLine = root.querySelector('[data-call-timer]')
  const localVideo = root.querySelector('[data-local-video]')
  const remoteVideo = root.querySelector('[data-remote-video]')
  const micButton = root.querySelector('[data-toggle-mic]')
  const cameraButton = root.querySelector('[data-toggle-camera]')
  const hangUpButton = root.querySelector('[data-hang-up]')

  let status = root.dataset.status
  let peer = null
  let stream = null
  let connectedAt = null
  let timer = null
  const pendingSignals = []

  const setState = (text) => {
    stateLine.textContent = text
  }

  const post = (action, body = {}) =>
    fetch(`/calls/${callId}/${action}`, {
      method: 'POST',
      headers: {
        'Accept': 'application/json',
        'Content-Type': 'application/json',
        'X-CSRF-TOKEN': csrfToken,
      },
      body: JSON.stringify(body),
      keepalive: true,
    })

  // Signals leave one at a time, so the other side receives them in order.
  let outbox = Promise.resolve()
  const sendSignal = (signal) => {
    outbox = outbox.then(() => post('signal', { signal })).catch(() => {})
  }

  function showOver(finalStatus, durationSeconds) {
    if (timer) clearInterval(timer)
    status = finalStatus
    peer?.destroy()
    peer = null
    stream?.getTracks().forEach((track) => track.stop())
    root.dataset.status = finalStatus
    setState(OVER_TITLES[finalStatus] ?? 'Call ended')
    const panel = root.querySelector('[data-call-over]')
    panel.querySelector('[data-call-over-title]').textContent =
      OVER_TITLES[finalStatus] ?? 'Call ended'
    const seconds =
      durationSeconds ?? (connectedAt ? Math.round((Date.now() - connectedAt) / 1000) : null)
    panel.querySelector('[data-call-over-detail]').textContent =
      finalStatus === 'ended' && seconds !== null ? `Duration ${formatDuration(seconds)}` : ''
    panel.classList.remove('hidden')
    panel.classList.add('flex')
    hangUpButton.disabled = true
  }

  async function getMedia() {
    try {
      return await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 480 },
        audio: true,
      })
    } catch (error) {
      // Refused or missing: let the person choose how to join.
      const panel = root.querySelector('[data-media-problem]')
      panel.querySelector('[data-media-problem-detail]').textContent =
        error?.name === 'NotAllowedError'
          ? 'You blocked the camera and microphone for this site. Allow them and reload, or join without them.'
          : 'No camera or microphone was found. You can join without them.'
      panel.classList.remove('hidden')
      panel.classList.add('flex')
      return new Promise((resolve) => {
        panel.querySelector('[data-join-audio]').addEventListener('click', async () => {
          panel.classList.add('hidden')
          resolve(await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => null))
        })
        panel.querySelector('[data-join-none]').addEventListener('click', () => {
          panel.classList.add('hidden')
          resolve(null)
        })
      })
    }
  }

  async function startPeer(initiator) {
    if (peer || OVER.includes(status)) return
    const SimplePeer = await loadSimplePeer()
    peer = new SimplePeer({
      initiator,
      stream: stream ?? undefined,
      trickle: true,
      config: { iceServers },
      offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
    })
    peer.on('signal', sendSignal)
    peer.on('stream', (remote) => {
      remoteVideo.srcObject = remote
      remoteVideo.play().catch(() => {})
    })
    peer.on('connect', () => {
      connectedAt = Date.now()
      setState('Connected')
      post('connected')
      timer = setInterval(() => {
        timerLine.textContent = clock(Math.round((Date.now() - connectedAt) / 1000))
      }, 1000)
    })
    peer.on('close', () => {
      if (!OVER.includes(status)) hangUp('connection closed')
    })
    peer.on('error', (error) => {
      if (OVER.includes(status)) return
      if (connectedAt) hangUp('connection lost')
      else
        post('failed', { reason: String(error?.code ?? 'connection failed').slice(0, 60) }).finally(
          () => showOver('failed')
        )
    })
    peer._pc?.addEventListener('iceconnectionstatechange', () => {
      const ice = peer?._pc?.iceConnectionState
      if (ice === 'disconnected') setState('Reconnecting…')
      if ((ice === 'connected' || ice === 'completed') && connectedAt) setState('Connected')
    })
    for (const signal of pendingSignals.splice(0)) peer.signal(signal)
    setState(connectedAt ? 'Connected' : 'Connecting…')
  }

  async function hangUp(reason) {
    if (OVER.includes(status)) return
    const response = await post('hangup', { reason }).catch(() => null)
    const body = await response?.json().catch(() => null)
    showOver(body?.data?.status ?? 'ended', body?.data?.durationSeconds)
  }

  function onEvent(event) {
    if (event?.type === 'signal') {
      if (event.from === Number(document.querySelector('meta[name="user-id"]')?.content)) return
      if (peer) peer.signal(event.data)
      else pendingSignals.push(event.data)
    } else if (event?.type === 'call.status') {
      if (event.status === 'accepted') {
        status = 'accepted'
        if (role === 'caller') startPeer(true)
      } else if (OVER.includes(event.status)) {
        showOver(event.status, event.durationSeconds)
      }
    }
  }

  // Controls.
  micButton.addEventListener('click', () => {
    const tracks = stream?.getAudioTracks() ?? []
    const muted = micButton.getAttribute('aria-pressed') !== 'true'
    tracks.forEach((track) => (track.enabled = !muted))
    micButton.setAttribute('aria-pressed', String(muted))
    micButton.textContent = muted ? 'Unmute' : 'Mute'
  })
  cameraButton.addEventListener('click', () => {
    const tracks = stream?.getVideoTracks() ?? []
    const off = cameraButton.getAttribute('aria-pressed') !== 'true'
    tracks.forEach((track) => (track.enabled = !off))
    cameraButton.setAttribute('aria-pressed', String(off))
    cameraButton.textContent = off ? 'Camera on' : 'Camera off'
  })
  hangUpButton.addEventListener('click', () => hangUp('hung up'))

  // Closing the tab ends the call for both.
  window.addEventListener('pagehide', () => {
    if (OVER.includes(status)) return
    const form = new FormData()
    form.set('_csrf', csrfToken)
    navigator.sendBeacon(`/calls/${callId}/hangup`, form)
  })

  if (OVER.includes(status)) return showOver(status)

  stream = await getMedia()
  if (stream) {
    localVideo.srcObject = stream
    localVideo.play().catch(() => {})
    cameraButton.disabled = stream.getVideoTracks().length === 0
    micButton.disabled = stream.getAudioTracks().length === 0
  } else {
    micButton.disabled = true
    cameraButton.disabled = true
  }

  await listen(`calls/${callId}`, onEvent)

  // Where the call stands now (it may have moved while the page loaded).
  const current = await fetch(`/calls/${callId}/state`, { headers: { Accept: 'application/json' } })
    .then((response) => response.json())
    .then((body) => body.data.status)
    .catch(() => status)
  status = current
  if (OVER.includes(status)) return showOver(status)

  if (role === 'callee') {
    if (status === 'ringing') {
      setState('Connecting…')
      await startPeer(false)
      const response = await post('accept')
      if (!response.ok) {
        const body = await response.json().catch(() => null)
        showOver(body?.error?.code === 'E_CALL_OVER' ? 'missed' : 'failed')
        return
      }
      status = 'accepted'
    } else {
      await startPeer(false)
    }
  } else if (status === 'accepted') {
    await startPeer(true)
  } else {
    setState('Calling…')
  }
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
