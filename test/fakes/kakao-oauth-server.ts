import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KakaoOAuthFakeOptions {
  clientId: string;
  clientSecret?: string;
  /** Redirect URIs registered for the app (KOE006 for any other). */
  redirectUris: string[];
  /** The Kakao account that "logs in" at the authorize step. */
  user: { id: number; nickname: string };
}

export interface KakaoOAuthFake {
  url: string;
  /** Every request, in order (method, path, and the form for /oauth/token). */
  calls: { method: string; path: string; form?: Record<string, string>; authorization?: string }[];
  /** Issue a code as if the user consented, without a browser (tests that call the callback directly). */
  issueCode(redirectUri: string): string;
  /** The next authorize request is answered with error=access_denied (the user pressed cancel). */
  denyNext(): void;
  setUser(user: { id: number; nickname: string }): void;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
};

/**
 * A local Kakao Login: kauth's /oauth/authorize (consents at once and redirects with code and state) and
 * /oauth/token, kapi's /v2/user/me. It keeps Kakao's rules that matter to us: registered redirect URIs only,
 * form-encoded token requests, codes valid once and for 10 minutes and only with the redirect URI they were
 * issued for (KOE320 invalid_grant otherwise), client_secret checked when the app has one (KOE010), and
 * Bearer tokens checked by /v2/user/me (-401).
 */
export async function startKakaoOAuthFake(options: KakaoOAuthFakeOptions): Promise<KakaoOAuthFake> {
  let user = options.user;
  let deny = false;
  const codes = new Map<string, { redirectUri: string; expiresAt: number; user: { id: number; nickname: string } }>();
  const tokens = new Map<string, { id: number; nickname: string }>();
  const calls: KakaoOAuthFake['calls'] = [];

  const issueCode = (redirectUri: string) => {
    const code = randomBytes(30).toString('base64url');
    codes.set(code, { redirectUri, expiresAt: Date.now() + 600_000, user });
    return code;
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let s = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (s += c));
      req.on('end', () => resolve(s));
      req.on('error', reject);
    });

  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const call: KakaoOAuthFake['calls'][number] = { method: req.method ?? '', path: u.pathname };
      if (req.headers.authorization) call.authorization = req.headers.authorization;
      calls.push(call);
      if (req.method === 'GET' && u.pathname === '/oauth/authorize') {
        const redirectUri = u.searchParams.get('redirect_uri') ?? '';
        if (u.searchParams.get('client_id') !== options.clientId)
          return send(res, 401, { error: 'invalid_client', error_code: 'KOE101' });
        if (!options.redirectUris.includes(redirectUri))
          return send(res, 400, {
            error: 'invalid_request',
            error_code: 'KOE006',
            error_description: 'redirect_uri mismatch',
          });
        if (u.searchParams.get('response_type') !== 'code')
          return send(res, 400, { error: 'invalid_request', error_code: 'KOE201' });
        const back = new URL(redirectUri);
        const state = u.searchParams.get('state');
        if (deny) {
          deny = false;
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'User denied access');
        } else {
          back.searchParams.set('code', issueCode(redirectUri));
        }
        if (state !== null) back.searchParams.set('state', state);
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (req.method === 'POST' && u.pathname === '/oauth/token') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
          return send(res, 400, {
            error: 'invalid_request',
            error_code: 'KOE001',
            error_description: 'content-type must be application/x-www-form-urlencoded',
          });
        }
        const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
        call.form = {
          ...form,
          ...(form.client_secret ? { client_secret: '[set]' } : {}),
          ...(form.code ? { code: '[set]' } : {}),
        };
        if (form.grant_type !== 'authorization_code')
          return send(res, 400, { error: 'unsupported_grant_type', error_code: 'KOE001' });
        if (form.client_id !== options.clientId)
          return send(res, 401, {
            error: 'invalid_client',
            error_code: 'KOE101',
            error_description: 'Not exist client_id',
          });
        if (options.clientSecret && form.client_secret !== options.clientSecret) {
          return send(res, 401, {
            error: 'invalid_client',
            error_code: 'KOE010',
            error_description: 'Bad client credentials',
          });
        }
        const issued = form.code ? codes.get(form.code) : undefined;
        // Kakao spends a code on its first presentation, whatever happens next.
        if (form.code) codes.delete(form.code);
        if (!issued || issued.expiresAt < Date.now() || issued.redirectUri !== form.redirect_uri) {
          return send(res, 400, {
            error: 'invalid_grant',
            error_code: 'KOE320',
            error_description: `authorization code not found for code=${form.code ?? ''}`,
          });
        }
        const accessToken = randomBytes(40).toString('base64url');
        tokens.set(accessToken, issued.user);
        return send(res, 200, {
          token_type: 'bearer',
          access_token: accessToken,
          expires_in: 21_599,
          refresh_token: randomBytes(40).toString('base64url'),
          refresh_token_expires_in: 5_183_999,
          scope: 'profile_nickname',
        });
      }
      if (req.method === 'GET' && u.pathname === '/v2/user/me') {
        const m = /^Bearer (.+)$/u.exec(req.headers.authorization ?? '');
        const who = m ? tokens.get(m[1]!) : undefined;
        if (!who) return send(res, 401, { msg: 'this access token does not exist', code: -401 });
        return send(res, 200, {
          id: who.id,
          connected_at: '2026-01-01T00:00:00Z',
          properties: { nickname: who.nickname },
          kakao_account: {
            profile_nickname_needs_agreement: false,
            profile: { nickname: who.nickname, is_default_nickname: false },
          },
        });
      }
      send(res, 404, { msg: 'not found', code: -1 });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { msg: 'fake failed', code: -1 });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    issueCode,
    denyNext: () => void (deny = true),
    setUser: (u) => void (user = u),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
