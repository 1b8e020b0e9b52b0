import logger from '@adonisjs/core/services/logger'
import type { EventsList } from '@adonisjs/core/types'
import ForgetDeviceAction from '#push/actions/forget_device'

/**
 * Logging out of a device stops its push notifications: that device's
 * subscription is forgotten for the user who logged out.
 */
export default class ForgetDevice {
  async handle({ user, pushEndpoint }: EventsList['session:ended']) {
    if (!pushEndpoint) return
    try {
      await new ForgetDeviceAction().handle(user.id, pushEndpoint)
    } catch (error) {
      logger.error({ err: error, userId: user.id }, 'could not forget the device at logout')
    }
  }
}
