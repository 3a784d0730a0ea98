import { createServer } from 'node:http';
import type { KrxMarket } from '../../src/data/stocks/listed-stock.js';
import { encodeEucKr } from './euc-kr-encode.js';
import { closeServer, listen } from './fred-server.js';
import { writeZip } from './zip-writer.js';

export interface MasterRow {
  code: string;
  name: string;
  /** Security group: ST (주권), EF (ETF), FS (외국주권) ... */
  group?: string;
  /** Previous day's market cap in 억 won. */
  marketCap?: number;
}

// Field widths of the tails after the name, from KIS's C layouts (종목마스터정보(코스피).h, (코스닥).h).
const KOSPI_TAIL = [
  2, 1, 4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 5, 5, 1, 1, 1, 2, 1,
  1, 1, 2, 2, 2, 3, 1, 3, 12, 12, 8, 15, 21, 2, 7, 1, 1, 1, 1, 1, 9, 9, 9, 5, 9, 8, 9, 3, 1, 1, 1,
];
const KOSDAQ_TAIL = [
  2, 1, 4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 5, 5, 1, 1, 1, 2, 1, 1, 1, 2, 2, 2, 3,
  1, 3, 12, 12, 8, 15, 21, 2, 7, 1, 1, 1, 1, 9, 9, 9, 5, 9, 8, 9, 3, 1, 1, 1,
];
const MARKET_CAP_FIELD = { KOSPI: 65, KOSDAQ: 58 };
/** The name field's width in bytes (hts_kor_isnm), space padded. */
const NAME_BYTES = 40;

/**
 * One master-file line as KIS writes it: CP949, short code padded to 9, standard code (KR7 + code + check) to 12,
 * the name padded to its field, then every tail field at its width (numbers right-aligned, zero-filled). KOSDAQ rows
 * carry one byte more than the C layout lists, which is what KIS's own parser (it cuts 222 characters) expects.
 */
export function masterLine(market: KrxMarket, row: MasterRow): Buffer {
  const widths = market === 'KOSPI' ? KOSPI_TAIL : KOSDAQ_TAIL;
  const fields = widths.map((w, i) => {
    if (i === 0) return (row.group ?? 'ST').padEnd(w);
    if (i === MARKET_CAP_FIELD[market]) return String(row.marketCap ?? 0).padStart(w, '0');
    return w === 1 ? 'N' : '0'.repeat(w);
  });
  const name = encodeEucKr(row.name);
  const head = Buffer.concat([
    Buffer.from(`${row.code.padEnd(9)}KR7${row.code}003`),
    name,
    Buffer.from(' '.repeat(Math.max(1, NAME_BYTES - name.length))),
  ]);
  const tail = Buffer.from(fields.join('') + (market === 'KOSDAQ' ? ' ' : ''), 'latin1');
  return Buffer.concat([head, tail]);
}

export function masterFile(market: KrxMarket, rows: MasterRow[], newline = '\n'): Buffer {
  return Buffer.concat(rows.flatMap((r) => [masterLine(market, r), Buffer.from(newline)]));
}

export interface KisMasterFake {
  url: string;
  requests(): string[];
  /** What /common/master/<file> serves next: a zip of the file (default), raw bytes, or an HTTP status. */
  serve(file: 'kospi_code.mst.zip' | 'kosdaq_code.mst.zip', body: Buffer | number): void;
  close(): Promise<void>;
}

/** Stand-in for KIS's master-file download host: GET /common/master/kospi_code.mst.zip and kosdaq_code.mst.zip. */
export async function startKisMasterServer(listing: {
  kospi: MasterRow[];
  kosdaq: MasterRow[];
}): Promise<KisMasterFake> {
  const bodies = new Map<string, Buffer | number>([
    ['kospi_code.mst.zip', writeZip([{ name: 'kospi_code.mst', data: masterFile('KOSPI', listing.kospi) }])],
    ['kosdaq_code.mst.zip', writeZip([{ name: 'kosdaq_code.mst', data: masterFile('KOSDAQ', listing.kosdaq) }])],
  ]);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push(`${req.method} ${path}`);
    const body = path.startsWith('/common/master/') ? bodies.get(path.slice('/common/master/'.length)) : undefined;
    if (body === undefined) return void res.writeHead(404).end();
    if (typeof body === 'number') return void res.writeHead(body).end('<html>error</html>');
    res.writeHead(200, { 'content-type': 'application/x-zip-compressed', 'content-length': body.length }).end(body);
  });
  const url = await listen(server);
  return {
    url,
    requests: () => [...seen],
    serve: (file, body) => void bodies.set(file, body),
    close: () => closeServer(server),
  };
}
