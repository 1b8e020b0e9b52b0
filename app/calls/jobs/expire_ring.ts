import ExpireRingingCall from '#calls/actions/expire_ringing_call'

/** A ring timeout came due: the call becomes missed if it is still ringing. */
export default class ExpireRing {
  async handle({ callId }: { callId: number }) {
    await new ExpireRingingCall().handle(callId)
  }
}
