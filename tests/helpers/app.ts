import testUtils from '@adonisjs/core/services/test_utils'
import type { Group } from '@japa/runner/core'
import { drawRoomIllustration } from '#dev/demo/room_illustration'
import { drainPushQueue } from '#push/push_queue'

/**
 * Every test of the group runs inside a transaction rolled back afterwards.
 */
export function withRollback(group: Group) {
  group.each.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    return async () => {
      // Background push deliveries finish before their data is rolled back.
      await drainPushQueue()
      await rollback()
    }
  })
}

/**
 * A real, small PNG picture.
 */
export function pngBytes(seed = 1) {
  return drawRoomIllustration(seed, 64, 48)
}

/**
 * Text that pretends to be an image by its name only.
 */
export function fakeJpegBytes() {
  return Buffer.from('<?php echo "not an image"; ?>')
}

/**
 * The validation messages a response flashed, by field.
 */
export function flashedInputErrors(response: { flashMessages(): Record<string, unknown> }) {
  return (response.flashMessages().inputErrorsBag ?? {}) as Record<string, string[]>
}
