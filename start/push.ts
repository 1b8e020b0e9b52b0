/*
|--------------------------------------------------------------------------
| Browser push: boot report
|--------------------------------------------------------------------------
|
| Says at boot whether push is on. Deliveries are durable jobs
| (start/jobs.ts): nothing to drain at shutdown, a restart resumes them.
|
*/
import { reportPushConfiguration } from '#push/push_status'

reportPushConfiguration()
