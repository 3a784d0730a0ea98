import { z } from 'zod';
import { RiskXpertError } from '../../src/errors.js';

export interface KakaoUser {
  /** Kakao's member number (회원번호), as a string: it exceeds 2^31 and is only ever compared. */
  id: string;
  nickname: string | undefined;
}

export interface KakaoOAuthClient {
  /** Kakao Login's authorize URL for this state (GET https://kauth.kakao.com/oauth/authorize). */
  authorizeUrl(state: string): string;
  /** POST /oauth/token with grant_type=authorization_code; a refused code is UNAUTHORIZED, an outage PROVIDER_FAILED. */
  exchangeCode(code: string): Promise<{ accessToken: string }>;
  /** GET /v2/user/me with the Kakao access token. */
  me(accessToken: string): Promise<KakaoUser>;
}

export interface KakaoOAuthOptions {
  /** The app's REST API key (client_id). */
  clientId: string;
  /** Only when "Client Secret" is enabled for the app in Kakao Developers. */
  clientSecret?: string | undefined;
  redirectUri: string;
  /** https://kauth.kakao.com (tests: a local stand-in). */
  oauthBase: string;
  /** https://kapi.kakao.com */
  apiBase: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const tokenResponse = z.object({ access_token: z.string().min(1), token_type: z.string() });
const oauthError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_code: z.string().optional(),
});
const meResponse = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/u)]),
  properties: z.object({ nickname: z.string().optional() }).partial().optional(),
  kakao_account: z
    .object({ profile: z.object({ nickname: z.string().optional() }).partial().optional() })
    .partial()
    .optional(),
});

/** Kakao Login over REST (developers.kakao.com/docs/latest/ko/kakaologin/rest-api). */
export function createKakaoOAuthClient(options: KakaoOAuthOptions): KakaoOAuthClient {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;

  const call = (what: string, url: string, init: RequestInit) => callKakao(fetchImpl, timeoutMs, what, url, init);

  return {
    authorizeUrl(state) {
      const u = new URL(`${options.oauthBase}/oauth/authorize`);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('client_id', options.clientId);
      u.searchParams.set('redirect_uri', options.redirectUri);
      u.searchParams.set('state', state);
      return u.href;
    },
    async exchangeCode(code) {
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        code,
      });
      if (options.clientSecret) form.set('client_secret', options.clientSecret);
      const { status, body } = await call('token', `${options.oauthBase}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: form.toString(),
      });
      if (status !== 200) throw refusedCode(status, body);
      const t = tokenResponse.safeParse(body);
      if (!t.success) throw new RiskXpertError('PROVIDER_FAILED', 'Kakao token: unexpected response shape');
      return { accessToken: t.data.access_token };
    },
    async me(accessToken) {
      const { status, body } = await call('user/me', `${options.apiBase}/v2/user/me`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
        },
      });
      if (status !== 200) throw new RiskXpertError('UNAUTHORIZED', `Kakao refused the access token (HTTP ${status}).`);
      const m = meResponse.safeParse(body);
      if (!m.success) throw new RiskXpertError('PROVIDER_FAILED', 'Kakao user/me: unexpected response shape');
      return {
        id: String(m.data.id),
        nickname: m.data.kakao_account?.profile?.nickname ?? m.data.properties?.nickname,
      };
    },
  };
}

/** One request: transport failures, bodies that are not JSON and 5xx are outages; 4xx is for the caller to judge. */
async function callKakao(
  fetchImpl: typeof fetch,
  timeoutMs: number,
  what: string,
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    throw new RiskXpertError(
      'PROVIDER_FAILED',
      `Kakao ${what}: ${(err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (err as Error).message}`,
      { cause: err },
    );
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RiskXpertError('PROVIDER_FAILED', `Kakao ${what}: HTTP ${res.status} without a JSON body`);
  }
  if (res.status >= 500) throw new RiskXpertError('PROVIDER_FAILED', `Kakao ${what}: HTTP ${res.status}`);
  return { status: res.status, body };
}

function refusedCode(status: number, body: unknown): RiskXpertError {
  const e = oauthError.safeParse(body);
  const why = e.success
    ? `${e.data.error_code ?? e.data.error}: ${e.data.error_description ?? e.data.error}`
    : `HTTP ${status}`;
  // invalid_grant (KOE320): the code was used already, expired, or was issued for another redirect URI.
  return new RiskXpertError('UNAUTHORIZED', `Kakao refused the authorization code (${why}).`, {
    details: {
      kakaoError: e.success ? e.data.error : undefined,
      kakaoCode: e.success ? e.data.error_code : undefined,
    },
  });
}
