import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { closeServer, listen, misbehaveOnce, readBody, type FakeHttp, type Misbehaviour } from './fred-server.js';

/**
 * KIS-specific misbehaviour on top of the generic ones: EGW00201 (too fast), EGW00123 (expired token), and 'ok'
 * (answer this call normally) to place a failure on a later page.
 */
export type KisMisbehaviour = Misbehaviour | 'EGW00201' | 'EGW00123' | 'ok';

export interface KisFakeOptions {
  appKey: string;
  appSecret: string;
  /** 4-digit sector code -> daily closes (any order). */
  indices?: Record<string, { date: string; value: number }[]>;
  /** 6-character stock code -> daily closes. */
  stocks?: Record<string, { date: string; value: number }[]>;
  /** KIS refuses a second token within a minute (EGW00133); tests that refresh tokens shorten this. */
  tokenMinIntervalMs?: number;
  tokenTtlSeconds?: number;
  /** Requests per rolling second above which chart calls get EGW00201. */
  maxPerSecond?: number;
  /** Delay before each token answer, so concurrent requests really overlap. */
  tokenDelayMs?: number;
  /** Rows per chart answer: 100 for stocks; index charts have been seen answering about 50. */
  pageRows?: number;
}

export interface KisFake extends Omit<FakeHttp, 'misbehave'> {
  misbehave(...modes: KisMisbehaviour[]): void;
  tokensIssued(): number;
  /** Every token issued so far becomes expired: the next chart call with one gets EGW00123. */
  expireTokens(): void;
  chartCalls(): number;
}

const fmt = (d: string) => d.replace(/-/gu, '');
const kisErr = (msgCd: string, msg1: string) => JSON.stringify({ rt_cd: '1', msg_cd: msgCd, msg1 });

/**
 * KIS open-trading-api stand-in: POST /oauth2/tokenP and the two daily chart endpoints with their real query
 * parameters, headers (authorization, appkey, appsecret, tr_id) and answers (rt_cd/msg_cd/msg1, output1/output2,
 * at most 100 rows newest first). Gateway errors come as HTTP 500 with a JSON body, as KIS sends them.
 */
export async function startKisServer(options: KisFakeOptions): Promise<KisFake> {
  const queue: KisMisbehaviour[] = [];
  const requests: FakeHttp['requests'] = [];
  const valid = new Set<string>();
  let issued = 0;
  let lastIssue = Number.NEGATIVE_INFINITY;
  let charts = 0;
  const recent: number[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const u = new URL(req.url ?? '/', 'http://x');
      requests.push({
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body,
      });
      const json = (status: number, text: string) =>
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(text);

      if (u.pathname === '/oauth2/tokenP' && req.method === 'POST') {
        let b: Record<string, string> = {};
        try {
          b = JSON.parse(body) as Record<string, string>;
        } catch {
          return json(400, JSON.stringify({ error_code: 'EGW00002', error_description: '서버 에러가 발생했습니다.' }));
        }
        if (
          b['grant_type'] !== 'client_credentials' ||
          b['appkey'] !== options.appKey ||
          b['appsecret'] !== options.appSecret
        ) {
          return json(
            403,
            JSON.stringify({ error_code: 'EGW00103', error_description: '유효하지 않은 AppKey입니다.' }),
          );
        }
        if (Date.now() - lastIssue < (options.tokenMinIntervalMs ?? 60_000)) {
          return json(
            403,
            JSON.stringify({
              error_code: 'EGW00133',
              error_description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
            }),
          );
        }
        lastIssue = Date.now();
        if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
        issued += 1;
        const token = `eyJ0eXAiOiJKV1Q.${randomBytes(24).toString('base64url')}`;
        valid.add(token);
        const ttl = options.tokenTtlSeconds ?? 86_400;
        const expired = new Date(Date.now() + 9 * 3_600_000 + ttl * 1000).toISOString().slice(0, 19).replace('T', ' ');
        return json(
          200,
          JSON.stringify({
            access_token: token,
            access_token_token_expired: expired,
            token_type: 'Bearer',
            expires_in: ttl,
          }),
        );
      }

      const index = u.pathname === '/uapi/domestic-stock/v1/quotations/inquire-daily-indexchartprice';
      const stock = u.pathname === '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice';
      if (!index && !stock) return void res.writeHead(404).end();
      charts += 1;
      const q = u.searchParams;
      const code = q.get('FID_INPUT_ISCD') ?? '';
      const d1 = q.get('FID_INPUT_DATE_1') ?? '';
      const d2 = q.get('FID_INPUT_DATE_2') ?? '';
      const rows = (index ? options.indices : options.stocks)?.[code];
      const page = () => {
        const picked = (rows ?? [])
          .filter((r) => fmt(r.date) >= d1 && fmt(r.date) <= d2)
          .sort((a, b) => (a.date < b.date ? 1 : -1))
          .slice(0, options.pageRows ?? 100);
        const output2 = picked.map((r) =>
          index
            ? {
                stck_bsop_date: fmt(r.date),
                bstp_nmix_prpr: r.value.toFixed(2),
                bstp_nmix_oprc: r.value.toFixed(2),
                bstp_nmix_hgpr: r.value.toFixed(2),
                bstp_nmix_lwpr: r.value.toFixed(2),
                acml_vol: '400000',
                acml_tr_pbmn: '9000000',
                mod_yn: 'N',
              }
            : {
                stck_bsop_date: fmt(r.date),
                stck_clpr: String(Math.round(r.value)),
                stck_oprc: String(Math.round(r.value)),
                stck_hgpr: String(Math.round(r.value)),
                stck_lwpr: String(Math.round(r.value)),
                acml_vol: '1000',
                acml_tr_pbmn: '70000000',
                flng_cls_code: '00',
                prtt_rate: '0.00',
                mod_yn: 'N',
                prdy_vrss_sign: '3',
                prdy_vrss: '0',
                revl_issu_reas: '',
              },
        );
        return JSON.stringify({
          output1: index ? { bstp_nmix_prpr: output2[0]?.['bstp_nmix_prpr' as never] ?? '0' } : { stck_prpr: '0' },
          output2,
          rt_cd: '0',
          msg_cd: 'MCA00000',
          msg1: '정상처리 되었습니다.',
        });
      };

      // 'ok' must consume its own slot only: handing the queue on to misbehaveOnce would apply the next mode now.
      const mode = queue[0];
      if (mode === 'ok') queue.shift();
      else if (mode === 'EGW00201' || mode === 'EGW00123') {
        queue.shift();
        return json(
          500,
          mode === 'EGW00201'
            ? kisErr('EGW00201', '초당 거래건수를 초과하였습니다.')
            : kisErr('EGW00123', '기간이 만료된 token 입니다.'),
        );
      } else if (misbehaveOnce(queue as Misbehaviour[], res, page)) return;

      const now = Date.now();
      recent.push(now);
      while (recent.length && recent[0]! < now - 1000) recent.shift();
      if (options.maxPerSecond && recent.length > options.maxPerSecond)
        return json(500, kisErr('EGW00201', '초당 거래건수를 초과하였습니다.'));

      const auth = req.headers['authorization'] ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (req.headers['appkey'] !== options.appKey || req.headers['appsecret'] !== options.appSecret)
        return json(500, kisErr('EGW00103', '유효하지 않은 AppKey입니다.'));
      if (!token) return json(500, kisErr('EGW00205', 'credentials_type이 유효하지 않습니다.(Bearer)'));
      if (!valid.has(token)) return json(500, kisErr('EGW00123', '기간이 만료된 token 입니다.'));
      if (req.headers['tr_id'] !== (index ? 'FHKUP03500100' : 'FHKST03010100'))
        return json(500, kisErr('EGW00202', 'TR_ID 가 유효하지 않습니다.'));
      if (
        q.get('FID_COND_MRKT_DIV_CODE') !== (index ? 'U' : 'J') ||
        q.get('FID_PERIOD_DIV_CODE') !== 'D' ||
        !/^\d{8}$/u.test(d1) ||
        !/^\d{8}$/u.test(d2)
      ) {
        return json(200, kisErr('OPSQ2001', 'ERROR INPUT FIELD NOT FOUND'));
      }
      return json(200, page());
    })();
  });
  const url = await listen(server);
  return {
    url,
    requests,
    misbehave: (...m) => void queue.push(...m),
    tokensIssued: () => issued,
    expireTokens: () => valid.clear(),
    chartCalls: () => charts,
    close: () => closeServer(server),
  };
}
