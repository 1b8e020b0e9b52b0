import { test } from '@japa/runner'
import {
  type HostResolver,
  isPublicAddress,
  lookupAllAddresses,
  nonPublicHostProblem,
} from '#push/endpoint_host'
import { createPushSubscriptionValidator } from '#push/subscription_validator'
import { WebPushTransport } from '#push/push_sender'
import type { PushRequest } from '#push/push_transport'
import { TestDevice } from '#tests/helpers/push_endpoint'

/** A DNS that answers from a table (and counts what it was asked). */
function fakeDns(answers: Record<string, string[]>) {
  const asked: string[] = []
  const resolve: HostResolver = async (hostname) => {
    asked.push(hostname)
    const addresses = answers[hostname]
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {})
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return { resolve, asked }
}

const NOT_PUBLIC = [
  '0.0.0.0',
  '10.20.30.40',
  '100.64.0.1', // CGNAT
  '100.127.255.254',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254', // cloud metadata
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '198.18.0.1',
  '224.0.0.251',
  '255.255.255.255',
  '::',
  '::1',
  'fe80::1',
  'fe80::1%eth0',
  'fc00::1',
  'fd12:3456:789a::1', // unique local
  'ff02::1',
  '::ffff:127.0.0.1', // IPv4-mapped loopback
  '::ffff:7f00:1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '::7f00:1', // IPv4-compatible
  '64:ff9b::10.0.0.1', // NAT64 of a private address
  '2002:c0a8:101::1', // 6to4 of 192.168.1.1
  '2001:db8::1',
]

const PUBLIC = [
  '8.8.8.8',
  '142.250.190.42',
  '100.128.0.1',
  '172.32.0.1',
  '2607:f8b0:4004:c07::5f',
  '2a00:1450:4001:82b::200a',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808', // NAT64 of 8.8.8.8 (DNS64 networks)
  '2002:808:808::1',
]

test.group('Push endpoints / which addresses count as public', () => {
  test('private, loopback, link-local, unique-local, CGNAT and unspecified are not', ({
    assert,
  }) => {
    for (const address of NOT_PUBLIC) assert.isFalse(isPublicAddress(address), address)
    for (const address of PUBLIC) assert.isTrue(isPublicAddress(address), address)
    assert.isFalse(isPublicAddress('fcm.googleapis.com'), 'a name is not an address')
  })

  test('a host name is judged by every address it resolves to', async ({ assert }) => {
    const dns = fakeDns({
      'fcm.googleapis.com': ['142.250.190.42', '2607:f8b0:4004:c07::5f'],
      'push.internal.example': ['10.0.0.7'],
      'mixed.example': ['142.250.190.42', '192.168.1.10'],
      'mapped.example': ['::ffff:127.0.0.1'],
      'metadata.example': ['169.254.169.254'],
      'cgnat.example': ['100.100.1.1'],
      'nothing.example': [],
    })
    assert.isNull(await nonPublicHostProblem('fcm.googleapis.com', dns.resolve))
    assert.match(
      (await nonPublicHostProblem('push.internal.example', dns.resolve))!,
      /non-public address \(10\.0\.0\.7\)/
    )
    assert.match((await nonPublicHostProblem('mixed.example', dns.resolve))!, /192\.168\.1\.10/)
    assert.match((await nonPublicHostProblem('mapped.example', dns.resolve))!, /::ffff:127/)
    assert.match((await nonPublicHostProblem('metadata.example', dns.resolve))!, /169\.254/)
    assert.match((await nonPublicHostProblem('cgnat.example', dns.resolve))!, /100\.100/)
    assert.equal(
      await nonPublicHostProblem('nothing.example', dns.resolve),
      'could not be resolved'
    )
    assert.equal(
      await nonPublicHostProblem('unknown.example', dns.resolve),
      'could not be resolved'
    )
    // An IP literal is judged without asking DNS.
    assert.match((await nonPublicHostProblem('[::1]', dns.resolve))!, /non-public address \(::1\)/)
    assert.isNull(await nonPublicHostProblem('8.8.8.8', dns.resolve))
    assert.notInclude(dns.asked, '::1')
  })

  test('a resolver that hangs counts as unresolved', async ({ assert }) => {
    const hanging: HostResolver = () => new Promise(() => {})
    assert.equal(await nonPublicHostProblem('slow.example', hanging, 50), 'could not be resolved')
  })

  test('the real resolver: localhost resolves to loopback only', async ({ assert }) => {
    const addresses = await lookupAllAddresses('localhost')
    assert.isAbove(addresses.length, 0)
    for (const { address } of addresses) assert.isFalse(isPublicAddress(address), address)
    assert.match((await nonPublicHostProblem('localhost'))!, /non-public address/)
  })
})

test.group('Push endpoints / the subscription validator', () => {
  const dns = fakeDns({
    'fcm.googleapis.com': ['142.250.190.42'],
    'updates.push.services.mozilla.com': ['34.107.221.82', '2600:1901:0:92a9::'],
    'push.evil.example': ['127.0.0.1'],
    'rebind.evil.example': ['::ffff:192.168.0.1'],
    'v6.evil.example': ['fd00::1'],
  })
  const production = createPushSubscriptionValidator({ strict: true, resolveHost: dns.resolve })
  const subscription = (endpoint: string) => new TestDevice(endpoint).toJSON()
  const endpointErrors = async (validator: typeof production, endpoint: string) => {
    const [error] = await validator.tryValidate(subscription(endpoint))
    return (error?.messages ?? [])
      .filter((m: { field: string }) => m.field === 'endpoint')
      .map((m: { message: string }) => m.message)
  }

  test('production: push services whose names resolve to public addresses are accepted', async ({
    assert,
  }) => {
    assert.deepEqual(
      await endpointErrors(production, 'https://fcm.googleapis.com/fcm/send/abc'),
      []
    )
    assert.deepEqual(
      await endpointErrors(production, 'https://updates.push.services.mozilla.com/wpush/v2/x'),
      []
    )
  })

  test('production: names resolving to private addresses are refused, with why', async ({
    assert,
  }) => {
    for (const [endpoint, why] of [
      ['https://push.evil.example/x', /127\.0\.0\.1/],
      ['https://rebind.evil.example/x', /::ffff:192\.168\.0\.1/],
      ['https://v6.evil.example/x', /fd00::1/],
      ['https://unknown.example/x', /could not be resolved/],
    ] as const) {
      const errors = await endpointErrors(production, endpoint)
      assert.lengthOf(errors, 1, endpoint)
      assert.match(errors[0], why, endpoint)
    }
    // Refused before any DNS: IP literals, localhost, one-label names, http, credentials.
    for (const endpoint of [
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://localhost/x',
      'https://intranet/x',
      'http://fcm.googleapis.com/x',
      'https://user:pw@fcm.googleapis.com/x',
    ]) {
      assert.deepEqual(await endpointErrors(production, endpoint), [
        'The endpoint must be a push service URL',
      ])
    }
  })

  test('production with the real resolver: "localhost." slips past the name check, not past DNS', async ({
    assert,
  }) => {
    const real = createPushSubscriptionValidator({
      strict: true,
      resolveHost: lookupAllAddresses,
    })
    // Not the literal "localhost" and it has a dot, so only the lookup judges it: refused,
    // as loopback where the system resolves it, as unresolved where it does not.
    const errors = await endpointErrors(real, 'https://localhost./push/1')
    assert.lengthOf(errors, 1)
    assert.match(errors[0], /its host (could not be resolved|resolves to a non-public address)/)
  })

  test('outside production: http and local test endpoints stay allowed, DNS is not asked', async ({
    assert,
  }) => {
    const local = fakeDns({})
    const development = createPushSubscriptionValidator({
      strict: false,
      resolveHost: local.resolve,
    })
    assert.deepEqual(await endpointErrors(development, 'http://127.0.0.1:4567/push/1'), [])
    assert.deepEqual(await endpointErrors(development, 'http://localhost:4567/push/1'), [])
    assert.deepEqual(local.asked, [])
  })
})

test.group('Push endpoints / checked again before each delivery', () => {
  const request = (endpoint: string) =>
    ({
      subscription: { endpoint, keys: { p256dh: 'x', auth: 'y' } },
      payload: '{}',
      ttlSeconds: 60,
      urgency: 'normal',
      vapid: { subject: 'mailto:a@b.c', publicKey: 'x', privateKey: 'y' },
      timeoutMs: 1000,
    }) as PushRequest

  test('a host that now resolves inside is not posted to (DNS rebinding)', async ({ assert }) => {
    const asked: string[] = []
    const transport = new WebPushTransport(async (hostname) => {
      asked.push(hostname)
      return 'resolves to a non-public address (127.0.0.1)'
    })
    const response = await transport.send(request('https://push.evil.example/x'))
    assert.deepEqual(asked, ['push.evil.example'])
    assert.deepEqual(response, {
      kind: 'network_error',
      error: "refused: the endpoint's host resolves to a non-public address (127.0.0.1)",
    })
  })

  test('outside production the transport checks nothing (local test push services)', ({
    assert,
  }) => {
    const transport = new WebPushTransport() as unknown as { checkHost: unknown }
    assert.isNull(transport.checkHost)
  })
})
