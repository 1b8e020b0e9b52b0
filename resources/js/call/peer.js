import { loadSimplePeer } from '../simple_peer.js'
import { postAction } from './api.js'
import { hangUp, isOver, setState, showOver, startTimer } from './controls.js'

/**
 * The WebRTC side of a call, through simple-peer. Signals go up by POST,
 * one at a time so the other side receives them in order, and come down on
 * the call's private Transmit channel (onCallEvent).
 */

function sendSignal(call, signal) {
  call.outbox = call.outbox.then(() => postAction(call, 'signal', { signal })).catch(() => {})
}

/** A peer error: a lost connection hangs up; one that never connected is reported as failed. */
function onPeerError(call, error) {
  if (isOver(call.status)) return
  if (call.connectedAt) hangUp(call, 'connection lost')
  else
    postAction(call, 'failed', {
      reason: String(error?.code ?? 'connection failed').slice(0, 60),
    }).finally(() => showOver(call, 'failed'))
}

/** Follows the connection's ICE state, to say "Reconnecting…" while it recovers. */
function followIce(call) {
  call.peer._pc?.addEventListener('iceconnectionstatechange', () => {
    const ice = call.peer?._pc?.iceConnectionState
    if (ice === 'disconnected') setState(call, 'Reconnecting…')
    if ((ice === 'connected' || ice === 'completed') && call.connectedAt)
      setState(call, 'Connected')
  })
}

function wire(call, peer) {
  peer.on('signal', (signal) => sendSignal(call, signal))
  peer.on('stream', (remote) => {
    call.ui.remoteVideo.srcObject = remote
    call.ui.remoteVideo.play().catch(() => {})
  })
  peer.on('connect', () => {
    call.connectedAt = Date.now()
    setState(call, 'Connected')
    postAction(call, 'connected')
    startTimer(call)
  })
  peer.on('close', () => {
    if (!isOver(call.status)) hangUp(call, 'connection closed')
  })
  peer.on('error', (error) => onPeerError(call, error))
}

/** Starts the peer once (the caller as initiator), then replays signals that came early. */
export async function startPeer(call, initiator) {
  if (call.peer || isOver(call.status)) return
  const SimplePeer = await loadSimplePeer()
  call.peer = new SimplePeer({
    initiator,
    stream: call.stream ?? undefined,
    trickle: true,
    config: { iceServers: call.iceServers },
    offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
  })
  wire(call, call.peer)
  followIce(call)
  for (const signal of call.pendingSignals.splice(0)) call.peer.signal(signal)
  setState(call, call.connectedAt ? 'Connected' : 'Connecting…')
}

/**
 * A signal from the other side, live or fetched after a reconnect, each
 * once and in order: the other side sends one at a time, so its ids only
 * grow, and one at or below the last seen id was already handled.
 */
function onSignal(call, event) {
  if (event.from === Number(document.querySelector('meta[name="user-id"]')?.content)) return
  if (typeof event.id === 'number') {
    if (event.id <= call.lastSignalId) return
    call.lastSignalId = event.id
  }
  if (call.peer) call.peer.signal(event.data)
  else call.pendingSignals.push(event.data)
}

/** A message on the call's channel: a signal from the other side, or a status change. */
export function onCallEvent(call, event) {
  if (event?.type === 'signal') {
    onSignal(call, event)
  } else if (event?.type === 'call.status') {
    if (event.status === 'accepted') {
      call.status = 'accepted'
      if (call.role === 'caller') startPeer(call, true)
    } else if (isOver(event.status)) {
      showOver(call, event.status, event.durationSeconds)
    }
  }
}
