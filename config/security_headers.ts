/**
 * Response headers Shield does not send (config/shield.ts has CSP, CSRF,
 * X-Frame-Options and nosniff), set on every response by
 * SecurityHeadersMiddleware (app/core/middleware/security_headers_middleware.ts).
 */
const securityHeadersConfig = {
  /**
   * Other sites (eSewa included) learn the origin only, never a page's path
   * (room and payment ids). The eSewa hand-off page sends none at all
   * (its own `<meta name="referrer">`).
   */
  referrerPolicy: 'strict-origin-when-cross-origin',

  /** Pages opened from another site get no handle on Kotha's windows, and the reverse. */
  crossOriginOpenerPolicy: 'same-origin',

  /**
   * Powerful features no page uses, off for the page and anything it embeds.
   * Listed as `feature: [allowlist]`; an empty list is `feature=()`.
   */
  permissions: {
    'camera': [],
    'microphone': [],
    'geolocation': [],
    'payment': [],
    'usb': [],
    'serial': [],
    'hid': [],
    'midi': [],
    'display-capture': [],
    'accelerometer': [],
    'gyroscope': [],
    'magnetometer': [],
  } as Record<string, string[]>,

  /** The call page (route calls.show) may use the camera and microphone, itself only. */
  callPermissions: {
    camera: ['self'],
    microphone: ['self'],
  } as Record<string, string[]>,

  /**
   * Strict-Transport-Security, on https requests only (a browser ignores it
   * over http anyway, and a plain-http deployment must not be told to
   * upgrade). Behind a TLS-terminating proxy the request counts as https
   * when a trusted proxy (TRUST_PROXY, config/app.ts) says
   * X-Forwarded-Proto: https.
   */
  hsts: {
    maxAgeSeconds: 180 * 24 * 60 * 60,
    includeSubDomains: false,
  },
}

export type SecurityHeadersConfig = typeof securityHeadersConfig
export default securityHeadersConfig
