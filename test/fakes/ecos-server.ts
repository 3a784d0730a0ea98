import { createServer } from 'node:http';
import { closeServer, listen, misbehaveOnce, type FakeHttp, type Misbehaviour } from './fred-server.js';

/** ECOS-specific misbehaviour: ERROR-602 (called too often), ERROR-500 (server), 'grow' (a row appears between pages), 'ok'. */
export type EcosMisbehaviour = Misbehaviour | 'ERROR-602' | 'ERROR-500' | 'grow' | 'ok';

export interface EcosFakeOptions {
  apiKey: string;
  /** "STAT/CYCLE/ITEM1[/ITEM2..]" -> rows with TIME in ECOS's format for that cycle and DATA_VALUE as a string. */
  series: Record<string, { time: string; value: string }[]>;
  /** Largest row range one call may ask for; more is ERROR-301 ECOS-style. */
  maxRows?: number;
  /** Calls per rolling second above which ECOS answers ERROR-602. */
  maxPerSecond?: number;
}

export interface EcosFake extends Omit<FakeHttp, 'misbehave'> {
  misbehave(...modes: EcosMisbehaviour[]): void;
}

const TIME_FORMAT = { D: /^\d{8}$/u, M: /^\d{6}$/u, Q: /^\d{4}Q[1-4]$/u, A: /^\d{4}$/u } as const;
const result = (code: string, message: string) => JSON.stringify({ RESULT: { CODE: code, MESSAGE: message } });

/**
 * ECOS StatisticSearch stand-in. Path /api/StatisticSearch/{KEY}/{type}/{lang}/{start}/{end}/{STAT}/{CYCLE}/{from}/{to}/{items..}.
 * Errors come as HTTP 200 with a RESULT envelope, as ECOS sends them: INFO-100 bad key, INFO-200 no data,
 * ERROR-100 a value missing, ERROR-101 a date not in the cycle's format, ERROR-301 a bad row range, ERROR-602
 * too many calls.
 */
export async function startEcosServer(options: EcosFakeOptions): Promise<EcosFake> {
  const queue: EcosMisbehaviour[] = [];
  const requests: FakeHttp['requests'] = [];
  const recent: number[] = [];
  const grown = new Set<string>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: '',
    });
    const json = (text: string) => res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(text);
    const parts = u.pathname.split('/').slice(1).map(decodeURIComponent);
    if (parts[0] !== 'api' || parts[1] !== 'StatisticSearch') return void res.writeHead(404).end();
    const [, , key, type, lang, startRaw, endRaw, stat, cycle, from, to, ...items] = parts;
    const items_ = items.filter((i) => i !== '' && i !== '?');
    const symbol = [stat, cycle, ...items_].join('/');
    const all = options.series[symbol];
    const start = Number(startRaw);
    const end = Number(endRaw);
    const inRange = (all ?? [])
      .filter((r) => r.time >= (from ?? '') && r.time <= (to ?? ''))
      .sort((a, b) => (a.time < b.time ? -1 : 1));
    if (grown.has(symbol)) inRange.unshift({ time: inRange[0]?.time ?? '', value: '0' });
    const body = () =>
      JSON.stringify({
        StatisticSearch: {
          list_total_count: inRange.length,
          row: inRange.slice(start - 1, end).map((r) => ({
            STAT_CODE: stat,
            STAT_NAME: 'stand-in',
            ITEM_CODE1: items_[0] ?? null,
            ITEM_NAME1: 'item',
            ITEM_CODE2: items_[1] ?? null,
            ITEM_NAME2: null,
            ITEM_CODE3: null,
            ITEM_NAME3: null,
            ITEM_CODE4: null,
            ITEM_NAME4: null,
            UNIT_NAME: '원',
            WGT: null,
            TIME: r.time,
            DATA_VALUE: r.value,
          })),
        },
      });

    const mode = queue[0];
    if (mode === 'ok') queue.shift();
    else if (mode === 'ERROR-602' || mode === 'ERROR-500') {
      queue.shift();
      return void json(
        mode === 'ERROR-602'
          ? result('ERROR-602', '과도한 OpenAPI호출로 이용이 제한되었습니다. 잠시후 이용해주시기 바랍니다.')
          : result('ERROR-500', '서버 오류입니다.'),
      );
    } else if (mode === 'grow') {
      queue.shift();
      grown.add(symbol);
    } else if (misbehaveOnce(queue as Misbehaviour[], res, body)) return;

    const now = Date.now();
    recent.push(now);
    while (recent.length && recent[0]! < now - 1000) recent.shift();
    if (options.maxPerSecond && recent.length > options.maxPerSecond) {
      return void json(
        result('ERROR-602', '과도한 OpenAPI호출로 이용이 제한되었습니다. 잠시후 이용해주시기 바랍니다.'),
      );
    }
    if (key !== options.apiKey)
      return void json(
        result(
          'INFO-100',
          '인증키가 유효하지 않습니다. 인증키를 확인하십시오! 인증키가 없는 경우 인증키를 신청하십시오!',
        ),
      );
    if (type !== 'json' || (lang !== 'kr' && lang !== 'en'))
      return void json(result('ERROR-200', '파일타입 값이 누락 혹은 유효하지 않습니다.'));
    if (!stat || !cycle || !from || !to || items_.length === 0)
      return void json(result('ERROR-100', '필수 값이 누락되어 있습니다.'));
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 1 ||
      end < start ||
      end - start + 1 > (options.maxRows ?? 100_000)
    ) {
      return void json(result('ERROR-301', '조회건수 값의 타입이 유효하지 않습니다.'));
    }
    const fmt = TIME_FORMAT[cycle as keyof typeof TIME_FORMAT];
    if (!fmt || !fmt.test(from) || !fmt.test(to))
      return void json(result('ERROR-101', '주기와 다른 형식의 날짜 형식입니다.'));
    if (!all || inRange.length === 0 || start > inRange.length)
      return void json(result('INFO-200', '해당하는 데이터가 없습니다.'));
    json(body());
  });
  const url = await listen(server);
  return { url, requests, misbehave: (...m) => void queue.push(...m), close: () => closeServer(server) };
}
