import { createOutboundUrlGuard, type OutboundUrlGuard } from '../../src/net/outbound-url-guard.js';

/**
 * The callback guard for tests whose Kakao callback stand-in listens on 127.0.0.1: the production policy with that
 * one host and address let through (and plain http), so the guarded connection path still runs in every test.
 */
export function loopbackCallbackGuard(): OutboundUrlGuard {
  return createOutboundUrlGuard({
    allowedHosts: ['127.0.0.1'],
    allowHttp: true,
    permitAddress: (a) => a === '127.0.0.1',
  });
}
