import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

/** Resolves a host name to every address it has (injected in tests to play a hostile DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundUrlPolicy {
  /** Host names we may call: exact ("bot-api.kakao.com"), a suffix ("*.kakao.com"), or "*" (any host; addresses are still checked). */
  allowedHosts: readonly string[];
  /** Plain http too (an internal deployment's own relay); https only by default. */
  allowHttp?: boolean;
  resolve?: Resolver;
  /** An address that may be called although it is not public unicast (tests stand a public host in with one loopback address). */
  permitAddress?: (address: string) => boolean;
  /** Per request, DNS included (default 10 s). */
  timeoutMs?: number;
}

export type Refusal = { ok: false; code: 'malformed' | 'scheme' | 'host' | 'address' | 'dns'; reason: string };
export type Checked = { ok: true; url: URL; addresses: string[] };

export class OutboundRefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(`outbound request refused (${refusal.code}): ${refusal.reason}`);
    this.name = 'OutboundRefusedError';
  }
}

export interface GuardedInit {
  method: string;
  headers: Record<string, string>;
  /** Absent for GET (fetch refuses a GET with a body, even an empty one). */
  body?: string;
  signal: AbortSignal;
}

/** What a guarded request answers: the headers and the body stream too, for a reader that must stop at a byte limit. */
export interface GuardedResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

export interface OutboundUrlGuard {
  /** Everything but the connection: scheme, host allow-list, and every address the name resolves to. */
  check(raw: string): Promise<Checked | Refusal>;
  /**
   * A request to a URL that passes `check`. The connection goes to an address checked in the same lookup that
   * connects (so a DNS answer that changes between check and connect cannot slip through) and redirects are not
   * followed (a 3xx comes back as it is).
   */
  fetch(url: string, init: GuardedInit): Promise<GuardedResponse>;
  close(): Promise<void>;
}

/**
 * Only public unicast addresses: no loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), CGNAT (100.64/10), multicast, broadcast, unspecified, reserved or documentation
 * ranges, nor IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo), which would reach one of those.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1, so the mapped form is judged as the IPv4 it reaches.
  return ipaddr.process(address).range() === 'unicast';
}

const defaultResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/u, '');
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === '*') return true;
    if (p.startsWith('*.')) return host.endsWith(p.slice(1));
    return host === p;
  });
}

/** The host without IPv6 brackets; WHATWG URL has already turned 2130706433 and 0x7f.1 into dotted IPv4. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/u, '$1');

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

interface GuardSettings {
  resolve: Resolver;
  timeoutMs: number;
  allowedAddress(address: string): boolean;
}

/** Builds the guard for one kind of outbound URL (Kakao callbacks); one connection pool per guard. */
export function createOutboundUrlGuard(policy: OutboundUrlPolicy): OutboundUrlGuard {
  const g: GuardSettings = {
    resolve: policy.resolve ?? defaultResolve,
    timeoutMs: policy.timeoutMs ?? 10_000,
    allowedAddress: (a) => isPublicAddress(a) || (policy.permitAddress?.(a) ?? false),
  };
  const { timeoutMs, allowedAddress } = g;
  const agent = checkedAgent(g);

  async function check(raw: string): Promise<Checked | Refusal> {
    const s = syntactic(policy, raw);
    if ('ok' in s) return s;
    const addresses = await addressesOf(g, bareHost(s.url));
    if (!Array.isArray(addresses)) return addresses;
    return { ok: true, url: s.url, addresses };
  }

  return {
    check,
    async fetch(raw, init) {
      const s = syntactic(policy, raw);
      if ('ok' in s) throw new OutboundRefusedError(s);
      const host = bareHost(s.url);
      if (ipaddr.isValid(host) && !allowedAddress(host))
        throw new OutboundRefusedError({ ok: false, code: 'address', reason: 'a non-public address' });
      const signal = AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const res = await undiciFetch(s.url, {
          method: init.method,
          headers: init.headers,
          ...(init.body === undefined ? {} : { body: init.body }),
          signal,
          redirect: 'manual',
          dispatcher: agent,
        });
        return {
          ok: res.ok,
          status: res.status,
          headers: res.headers as unknown as Headers,
          body: res.body as ReadableStream<Uint8Array> | null,
          text: () => res.text(),
        };
      } catch (err) {
        // undici wraps the lookup's refusal as the cause of "fetch failed": surface the refusal itself.
        const cause = (err as { cause?: unknown }).cause;
        if (cause instanceof OutboundRefusedError) throw cause;
        throw err;
      }
    },
    close: () => agent.close(),
  };
}

function syntactic(policy: OutboundUrlPolicy, raw: string): { url: URL } | Refusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'malformed', reason: 'not a URL' };
  }
  if (!(url.protocol === 'https:' || (policy.allowHttp && url.protocol === 'http:')))
    return { ok: false, code: 'scheme', reason: `scheme ${url.protocol} not allowed` };
  if (url.username || url.password) return { ok: false, code: 'malformed', reason: 'credentials in the URL' };
  if (!hostAllowed(bareHost(url), policy.allowedHosts))
    return { ok: false, code: 'host', reason: `host ${url.hostname} is not on the allow-list` };
  return { url };
}
async function addressesOf(g: GuardSettings, host: string): Promise<string[] | Refusal> {
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await withTimeout(g.resolve(host), g.timeoutMs, 'DNS lookup')).map((a) => a.address);
    } catch (err) {
      return { ok: false, code: 'dns', reason: (err as Error).message };
    }
  }
  if (addresses.length === 0) return { ok: false, code: 'dns', reason: `${host} has no address` };
  // Every address, not the first: a name with one public and one private answer is refused whole.
  const bad = addresses.find((a) => !g.allowedAddress(a));
  if (bad !== undefined) return { ok: false, code: 'address', reason: `${host} resolves to a non-public address` };
  return addresses;
}
function checkedAgent(g: GuardSettings): Agent {
  // The lookup hook that every connection of this agent goes through: the addresses it hands to the socket are the
  // ones it has just checked. (Literal IP hosts never reach a lookup, so fetch() checks them before dispatching.)
  return new Agent({
    connect: {
      lookup(
        hostname: string,
        options: { all?: boolean },
        callback: (err: Error | null, address?: string | LookupAddress[], family?: number) => void,
      ) {
        addressesOf(g, hostname).then(
          (result) => {
            if (!Array.isArray(result)) return callback(new OutboundRefusedError(result));
            const entries = result.map((address) => ({
              address,
              family: ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4,
            }));
            if (options.all) callback(null, entries);
            else callback(null, entries[0]!.address, entries[0]!.family);
          },
          (err: Error) => callback(err),
        );
      },
    } as never,
  });
}

/** Kakao's callback URLs (https://bot-api.kakao.com/v1/bots/{botId}/callback/{token}); KAKAO_CALLBACK_HOSTS widens it. */
export const KAKAO_CALLBACK_HOSTS = ['bot-api.kakao.com'] as const;
