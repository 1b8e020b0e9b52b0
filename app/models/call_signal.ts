import { CallSignalSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Call from '#models/call'

/**
 * One WebRTC signal (offer, answer, ICE candidate) a participant sent
 * during a call, stored before it is broadcast so that a page whose stream
 * dropped can fetch the ones it missed (by id, in order).
 */
export default class CallSignal extends CallSignalSchema {
  @column({ prepare: (value: unknown) => JSON.stringify(value) })
  declare payload: Record<string, unknown>

  @belongsTo(() => Call)
  declare call: BelongsTo<typeof Call>
}
