import { createHash, randomBytes } from 'node:crypto'

/** The shape of a scan-to-pay link's token; anything else is not looked up. */
export const CHECKOUT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,64}$/

/** A fresh single-use token for a scan-to-pay link. */
export const newCheckoutToken = () => randomBytes(24).toString('base64url')

/** Only the hash of a link's token is stored. */
export const hashCheckoutToken = (token: string) => createHash('sha256').update(token).digest('hex')
