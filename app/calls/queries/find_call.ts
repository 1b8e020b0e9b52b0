import { Exception } from '@adonisjs/core/exceptions'
import Call from '#models/call'

/**
 * The call a request names, or a 404 (`E_NOT_FOUND`, 'No such call').
 */
export async function findCall(callId: number) {
  const call = await Call.find(callId)
  if (!call) throw new Exception('No such call', { status: 404, code: 'E_NOT_FOUND' })
  return call
}
