import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOutboundUrlGuard,
  isPublicAddress,
  OutboundRefusedError,
  type Resolver,
} from '../../src/net/outbound-url-guard.js';

/*
 * The outbound URL guard against hostile URLs, over real loopback sockets: a listener on 127.0.0.1 (and ::1 where the
 * host has IPv6) counts every request that reaches it, and must count zero.
 */

const init = () => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{}',
  signal: new AbortController().signal,
});

interface Listener {
  port: number;
  hits: number;
  close(): Promise<void>;
}

async function listen(host: string, port: number, handler: (res: ServerResponse) => void): Promise<Server | undefined> {
  const server = createServer((_req, res) => handler(res));
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

async function loopbackListener(): Promise<Listener> {
  const state = { hits: 0 };
  const count = (res: ServerResponse) => {
    state.hits += 1;
    res.end('{"status":"SUCCESS"}');
  };
  const v4 = (await listen('127.0.0.1', 0, count))!;
  const port = (v4.address() as AddressInfo).port;
  const v6 = await listen('::1', port, count);
  return {
    port,
    get hits() {
      return state.hits;
    },
    async close() {
      for (const s of [v4, v6]) if (s) await new Promise<void>((r) => s.close(() => r()));
    },
  } as Listener;
}

describe('isPublicAddress', () => {
  it('accepts public unicast and refuses every internal form', () => {
    for (const ok of ['8.8.8.8', '211.249.203.104', '2606:4700:4700::1111']) expect(isPublicAddress(ok), ok).toBe(true);
    for (const bad of [
      '127.0.0.1',
      '127.9.9.9',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      'fd00::1',
      'fd00:ec2::254',
      '169.254.169.254',
      'fe80::1',
      '100.64.0.1',
      '100.100.100.200',
      '224.0.0.1',
      'ff02::1',
      '0.0.0.0',
      '::',
      '255.255.255.255',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::',
      'not-an-ip',
    ])
      expect(isPublicAddress(bad), bad).toBe(false);
  });
});

describe('outbound URL guard: hostile URLs never reach a loopback listener', () => {
  let target: Listener;
  beforeAll(async () => {
    target = await loopbackListener();
  });
  afterAll(async () => {
    await target.close();
  });

  it('refuses loopback, decimal, IPv6, IPv4-mapped, metadata and private-resolving hosts, even with every host name allowed', async () => {
    const privateDns: Resolver = async (host) =>
      host === 'intranet.example'
        ? [{ address: '10.0.0.7', family: 4 }]
        : host === 'sneaky.example'
          ? [
              { address: '93.184.216.34', family: 4 },
              { address: '127.0.0.1', family: 4 },
            ]
          : [];
    const guard = createOutboundUrlGuard({
      allowedHosts: ['*'],
      allowHttp: true,
      resolve: privateDns,
      timeoutMs: 2_000,
    });
    const hostile = [
      `http://127.0.0.1:${target.port}/cb`,
      `http://2130706433:${target.port}/cb`,
      `http://0x7f.1:${target.port}/cb`,
      `http://[::1]:${target.port}/cb`,
      `http://[::ffff:127.0.0.1]:${target.port}/cb`,
      'http://169.254.169.254/latest/meta-data',
      `http://intranet.example:${target.port}/cb`,
      `http://sneaky.example:${target.port}/cb`,
    ];
    try {
      for (const url of hostile) {
        const checked = await guard.check(url);
        expect(checked, url).toMatchObject({ ok: false, code: 'address' });
        const refused = await guard.fetch(url, init()).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(refused, url).toBeInstanceOf(OutboundRefusedError);
      }
      // localhost through the system resolver
      const localhost = createOutboundUrlGuard({ allowedHosts: ['*'], allowHttp: true });
      expect(await localhost.check(`http://localhost:${target.port}/cb`)).toMatchObject({ ok: false, code: 'address' });
      await expect(localhost.fetch(`http://localhost:${target.port}/cb`, init())).rejects.toBeInstanceOf(
        OutboundRefusedError,
      );
      await localhost.close();
    } finally {
      await guard.close();
    }
    // every refusal above has been returned or thrown: nothing is still in flight that could arrive later
    expect(target.hits).toBe(0);
  });

  it('checks at connect time: a name that was public at check() and private at connect is refused (DNS rebinding)', async () => {
    let lookups = 0;
    // 127.0.0.2 stands in for a public address (permitted below); the second answer points at the listener.
    const rebinding: Resolver = async () =>
      ++lookups === 1 ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const guard = createOutboundUrlGuard({
      allowedHosts: ['rebind.example'],
      allowHttp: true,
      resolve: rebinding,
      permitAddress: (a) => a === '127.0.0.2',
    });
    try {
      const url = `http://rebind.example:${target.port}/cb`;
      expect(await guard.check(url)).toMatchObject({ ok: true, addresses: ['127.0.0.2'] });
      await expect(guard.fetch(url, init())).rejects.toBeInstanceOf(OutboundRefusedError);
      expect(lookups).toBe(2);
    } finally {
      await guard.close();
    }
    expect(target.hits).toBe(0);
  });

  it('does not follow a redirect to a loopback address: the 302 comes back as it is', async () => {
    let redirects = 0;
    const redirector = (await listen('127.0.0.2', 0, (res) => {
      redirects += 1;
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/cb` }).end();
    }))!;
    const port = (redirector.address() as AddressInfo).port;
    const guard = createOutboundUrlGuard({
      allowedHosts: ['relay.example'],
      allowHttp: true,
      resolve: async () => [{ address: '127.0.0.2', family: 4 }],
      permitAddress: (a) => a === '127.0.0.2',
    });
    try {
      const res = await guard.fetch(`http://relay.example:${port}/cb`, init());
      expect(res.status).toBe(302);
      expect(res.ok).toBe(false);
      expect(redirects).toBe(1);
    } finally {
      await guard.close();
      await new Promise<void>((r) => redirector.close(() => r()));
    }
    expect(target.hits).toBe(0);
  });

  it('refuses what the allow-list does not name: other hosts, http where https is required, credentials', async () => {
    const guard = createOutboundUrlGuard({
      allowedHosts: ['bot-api.kakao.com', '*.relay.example'],
      resolve: async () => [{ address: '211.249.203.104', family: 4 }],
    });
    try {
      expect(await guard.check('https://bot-api.kakao.com/v1/bots/abc/callback/t0k3n')).toMatchObject({ ok: true });
      expect(await guard.check('https://a.relay.example/cb')).toMatchObject({ ok: true });
      expect(await guard.check('https://relay.example/cb')).toMatchObject({ ok: false, code: 'host' });
      expect(await guard.check('https://bot-api.kakao.com.evil.example/cb')).toMatchObject({ ok: false, code: 'host' });
      expect(await guard.check('http://bot-api.kakao.com/cb')).toMatchObject({ ok: false, code: 'scheme' });
      expect(await guard.check('https://user:pw@bot-api.kakao.com/cb')).toMatchObject({ ok: false, code: 'malformed' });
      expect(await guard.check('file:///etc/passwd')).toMatchObject({ ok: false, code: 'scheme' });
      expect(await guard.check('not a url')).toMatchObject({ ok: false, code: 'malformed' });
    } finally {
      await guard.close();
    }
  });
});
