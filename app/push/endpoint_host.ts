import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * The server posts to every push endpoint a browser hands it, so in
 * production an endpoint's host must be a public one: a name that resolves
 * to a private, loopback, link-local, unique-local, CGNAT, unspecified or
 * otherwise non-public address (IPv4 or IPv6, IPv4 embedded in IPv6
 * included) would turn the push sender into a way to reach this server's
 * own network.
 *
 * Checked when a subscription is stored (subscription_validator.ts) and again
 * before each delivery (push_sender.ts), since what a name resolves to can
 * change after it was accepted (DNS rebinding). The second check narrows that
 * window; it cannot close it, because fetch resolves the name once more when
 * it connects. Closing it needs the connection pinned to the checked address
 * (undici's Agent `connect.lookup`, or http.request's `lookup`).
 */

export type ResolvedAddress = { address: string; family: number }

/** Every address a host name resolves to (tests pass a fake one). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>

/** The system resolver, every answer (A and AAAA), as connect() would see them. */
export const lookupAllAddresses: HostResolver = (hostname) =>
  lookup(hostname, { all: true, order: 'verbatim' })

/** IPv4 blocks that are not globally reachable (IANA special-purpose registry). */
const IPV4_NOT_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared address space)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255
]

/** IPv6 blocks that are not globally reachable. */
const IPV6_NOT_PUBLIC: [string, number][] = [
  ['::', 96], // unspecified, loopback, IPv4-compatible (deprecated)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
]

/** 10.0.0.0 -> "a00:0": the two low groups of an IPv6 address holding it. */
function ipv4Groups(ipv4: string) {
  const [a, b, c, d] = ipv4.split('.').map(Number)
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
}

const NOT_PUBLIC = new BlockList()
for (const [network, prefix] of IPV4_NOT_PUBLIC) {
  const groups = ipv4Groups(network)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4')
  // The same blocks carried inside IPv6: IPv4-mapped, NAT64 (64:ff9b::/96), 6to4 (2002::/16).
  NOT_PUBLIC.addSubnet(`::ffff:${groups}`, 96 + prefix, 'ipv6')
  NOT_PUBLIC.addSubnet(`64:ff9b::${groups}`, 96 + prefix, 'ipv6')
  NOT_PUBLIC.addSubnet(`2002:${groups}::`, 16 + prefix, 'ipv6')
}
for (const [network, prefix] of IPV6_NOT_PUBLIC) NOT_PUBLIC.addSubnet(network, prefix, 'ipv6')

/** Whether an IP address (v4 or v6, a zone index ignored) is globally reachable. */
export function isPublicAddress(address: string) {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0]
  const family = isIP(bare)
  if (family === 0) return false
  return !NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Why `hostname` is not a public host, or null when it is: an IP literal
 * is judged as is; a name must resolve (within `timeoutMs`) to public
 * addresses only, since a connection may use any of them.
 */
export async function nonPublicHostProblem(
  hostname: string,
  resolve: HostResolver = lookupAllAddresses,
  timeoutMs = 3000
): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) return isPublicAddress(host) ? null : `is a non-public address (${host})`
  let addresses: ResolvedAddress[]
  try {
    addresses = await withTimeout(resolve(host), timeoutMs)
  } catch {
    return 'could not be resolved'
  }
  if (addresses.length === 0) return 'could not be resolved'
  const inside = addresses.find(({ address }) => !isPublicAddress(address))
  return inside ? `resolves to a non-public address (${inside.address})` : null
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('DNS lookup timed out')), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
