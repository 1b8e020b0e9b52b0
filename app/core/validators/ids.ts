import vine from '@vinejs/vine'
import { MAX_BIG_ID, MAX_INT_ID } from '#core/http/route_params'

/**
 * Ids sent in a body or a query string: whole numbers its column can hold,
 * so an id out of range is a message next to the field, never a database
 * error.
 */

/** The id of an `integer` column: 1..2147483647. */
export const intId = () => vine.number().withoutDecimals().min(1).max(MAX_INT_ID)

/** The id of a `bigint` column (messages, call signals): 1..2^53 - 1. */
export const bigId = () => vine.number().withoutDecimals().min(1).max(MAX_BIG_ID)

/** A `bigint` cursor: 0 (from the start) or an id. */
export const bigIdCursor = () => vine.number().withoutDecimals().min(0).max(MAX_BIG_ID)
