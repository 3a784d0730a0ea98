import { RiskXpertError } from '../../errors.js';
import type { KrxMarket, ListedStock } from './listed-stock.js';

/**
 * KIS's stock master files (kospi_code.mst, kosdaq_code.mst; "종목정보 다운로드" in KIS Developers), as its own
 * parsers (open-trading-api stocks_info/kis_kospi_code_mst.py, kis_kosdaq_code_mst.py) and the C layouts beside
 * them read them. Each line is CP949 text:
 *   short code (9 bytes, space padded) | standard code (12) | Korean name (space padded) | fixed-width tail
 * The tail is ASCII and has a known width per market, so the name is what lies between byte 21 and the tail.
 * The tail starts with the security group (ST 주권, EF ETF, FS 외국주권, ...) and holds the previous day's market
 * capitalisation in 억 won at a fixed offset.
 */
interface Layout {
  /** Bytes from the start of the tail to the end of the line (KIS's parsers cut 228 / 222 characters, newline included). */
  tail: number;
  /** Offset of the 9-character market capitalisation (억) within the tail, from the field widths. */
  marketCapAt: number;
}

const LAYOUT: Record<KrxMarket, Layout> = {
  KOSPI: { tail: 227, marketCapAt: 212 },
  KOSDAQ: { tail: 221, marketCapAt: 205 },
};

/** Security groups kept: ordinary shares and foreign shares listed in Korea (not ETFs, warrants, REITs or funds). */
const STOCK_GROUPS = new Set(['ST', 'FS']);

const decoder = new TextDecoder('euc-kr', { fatal: false });

/** Where the tail starts: at its documented width, or a byte either side when a row's padding differs. */
function tailStart(line: Uint8Array, layout: Layout): number | undefined {
  for (const shift of [0, 1, -1]) {
    const at = line.length - layout.tail + shift;
    if (at < 21) continue;
    const a = line[at]!;
    const b = line[at + 1]!;
    const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
    if (isUpper(a) && isUpper(b) && (line[at - 1] === 0x20 || line[at - 1]! >= 0x80 || at === 21)) return at;
  }
  return undefined;
}

const ascii = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/**
 * Every ordinary share in one master file. Rows that are not stocks (ETFs, warrants...) are skipped; a file in
 * which no row has the layout (another format, an HTML error page) is an error, not an empty listing.
 */
export function parseKisMasterFile(bytes: Uint8Array, market: KrxMarket): ListedStock[] {
  const layout = LAYOUT[market];
  const out: ListedStock[] = [];
  let rows = 0;
  let readable = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    let end = i;
    if (end > start && bytes[end - 1] === 0x0d) end -= 1;
    const line = bytes.subarray(start, end);
    start = i + 1;
    if (line.length === 0) continue;
    rows += 1;
    const at = tailStart(line, layout);
    if (at === undefined) continue;
    readable += 1;
    const code = ascii(line.subarray(0, 9)).trim();
    const group = ascii(line.subarray(at, at + 2));
    if (!STOCK_GROUPS.has(group) || !/^\d{6}$/u.test(code)) continue;
    const name = decoder.decode(line.subarray(21, at)).trim();
    const cap = Number(ascii(line.subarray(at + layout.marketCapAt, at + layout.marketCapAt + 9)).trim());
    if (!name) continue;
    out.push({ code, name, market, marketCap: Number.isInteger(cap) && cap >= 0 ? cap : 0 });
  }
  if (rows === 0 || readable === 0) {
    throw new RiskXpertError(
      'PROVIDER_FAILED',
      `KIS ${market} master file: ${rows} line(s), none in the master-file layout.`,
      { retryable: false },
    );
  }
  return out;
}
