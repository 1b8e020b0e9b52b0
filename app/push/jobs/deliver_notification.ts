import DeliverPush from '#push/actions/deliver_push'
import type { PushJob } from '#push/push_jobs'

/**
 * Works off one queued notification: every device of the user, skipping
 * those a previous run of this job already reached (a crash mid-job).
 */
export default class DeliverNotification {
  async handle({ userId, push }: PushJob) {
    await new DeliverPush().handle(userId, push)
  }
}
