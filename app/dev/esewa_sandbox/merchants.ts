import esewa, { UAT_PRODUCT_CODE, UAT_SECRET_KEY } from '#config/esewa'

/** A merchant the sandbox can fetch a key for. */
export type SandboxMerchant = { productCode: string; secretKey: string }

/**
 * The merchants the sandbox knows: eSewa's published UAT merchant, and the
 * app's configured product code and secret when they are not that one.
 */
export function sandboxMerchants(): SandboxMerchant[] {
  const merchants: SandboxMerchant[] = [
    { productCode: UAT_PRODUCT_CODE, secretKey: UAT_SECRET_KEY },
  ]
  if (esewa.productCode && esewa.secretKey && esewa.productCode !== UAT_PRODUCT_CODE) {
    merchants.push({ productCode: esewa.productCode, secretKey: esewa.secretKey })
  }
  return merchants
}

/**
 * The merchant with this exact product code (v2) or service code (v1), or null.
 */
export function findMerchant(productCode: string | null | undefined): SandboxMerchant | null {
  if (!productCode) return null
  return sandboxMerchants().find((merchant) => merchant.productCode === productCode) ?? null
}
