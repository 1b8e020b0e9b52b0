import logger from '@adonisjs/core/services/logger'
import app from '@adonisjs/core/services/app'
import pushConfig, { DEFAULT_VAPID_SUBJECT, DEV_KEYS_FILE } from '#config/push'

/**
 * What the page needs to subscribe: the VAPID public key (base64url), or
 * null when push is off.
 */
export function pushPublicKey() {
  return pushConfig.enabled ? pushConfig.vapid.publicKey : null
}

/**
 * Says once, at boot, how push is set up: off (and why) in production
 * without keys, the development key file otherwise.
 */
export function reportPushConfiguration() {
  if (!pushConfig.enabled) {
    logger.warn(`browser push is off: ${pushConfig.disabledReason}`)
    return
  }
  if (pushConfig.keySource === 'dev-file') {
    logger.debug(`browser push uses the development VAPID keys in ${DEV_KEYS_FILE}`)
  }
  if (app.inProduction && pushConfig.vapid.subject === DEFAULT_VAPID_SUBJECT) {
    logger.warn(
      'VAPID_SUBJECT is not set: push services may refuse notifications; set it to mailto:you@your-domain or https://your-site'
    )
  }
}
