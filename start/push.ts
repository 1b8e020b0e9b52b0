/*
|--------------------------------------------------------------------------
| Browser push: boot report and shutdown drain
|--------------------------------------------------------------------------
|
| Says at boot whether push is on; on shutdown, gives queued notifications
| up to 5 s to go out.
|
*/
import app from '@adonisjs/core/services/app'
import { setTimeout as wait } from 'node:timers/promises'
import { reportPushConfiguration } from '#push/push_status'

reportPushConfiguration()
app.terminating(async () => {
  const { drainPushQueue } = await import('#push/push_queue')
  await Promise.race([drainPushQueue(), wait(5_000)])
})
