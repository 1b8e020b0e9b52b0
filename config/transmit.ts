import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'
import redisConfig from '#config/redis'

/**
 * With Redis configured, every broadcast also goes to the other instances
 * through it (`<prefix>:transmit`), and each delivers to its own streams;
 * subscribe requests cross too (#core/live/subscription_relay). Without,
 * broadcasts stay in this process.
 */
export default defineConfig({
  pingInterval: false,
  transport: redisConfig.connection
    ? {
        driver: redis(redisConfig.connection),
        channel: `${redisConfig.channelPrefix}:transmit`,
      }
    : null,
})
