import ExpireRingingCall from '#calls/actions/expire_ringing_call'

/** The recurring backstop: rings past their timeout that no job ended. */
export default class ExpireStaleRings {
  async handle() {
    await new ExpireRingingCall().expireStale()
  }
}
