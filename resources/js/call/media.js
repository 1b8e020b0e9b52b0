/**
 * The camera and microphone: asks for both, and when that is refused or
 * impossible lets the person join with the microphone only or with neither.
 */

/** Explains why media is missing and resolves with the person's choice (a stream or null). */
function chooseFallback(root, error) {
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

/** The local stream (video and audio, audio only, or null). */
export async function getMedia(root) {
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { width: 640, height: 480 },
      audio: true,
    })
  } catch (error) {
    // Refused or missing: let the person choose how to join.
    return chooseFallback(root, error)
  }
}

/** Shows the local stream and enables only the controls it has tracks for. */
export function showLocalMedia(call) {
  const { localVideo, micButton, cameraButton } = call.ui
  if (call.stream) {
    localVideo.srcObject = call.stream
    localVideo.play().catch(() => {})
    cameraButton.disabled = call.stream.getVideoTracks().length === 0
    micButton.disabled = call.stream.getAudioTracks().length === 0
  } else {
    micButton.disabled = true
    cameraButton.disabled = true
  }
}
