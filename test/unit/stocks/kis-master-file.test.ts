import { describe, expect, it } from 'vitest';
import { parseKisMasterFile } from '../../../src/data/stocks/kis-master-file.js';
import { readZipEntry } from '../../../src/data/stocks/zip-entry.js';
import { encodeEucKr } from '../../fakes/euc-kr-encode.js';
import { masterFile, masterLine } from '../../fakes/kis-master-server.js';
import { writeZip } from '../../fakes/zip-writer.js';

describe('KIS master file (kospi_code.mst / kosdaq_code.mst, CP949, fixed-width tail)', () => {
  it('writes the bytes KIS writes: EUC-KR names, 9 + 12 byte codes, a 227-byte KOSPI tail and 221-byte KOSDAQ tail', () => {
    expect([...encodeEucKr('삼성')]).toEqual([0xbb, 0xef, 0xbc, 0xba]);
    const kospi = masterLine('KOSPI', { code: '005930', name: '삼성전자', marketCap: 4_000_000 });
    expect(kospi.subarray(0, 21).toString('latin1')).toBe('005930   KR7005930003');
    expect(kospi.length).toBe(21 + 40 + 227);
    expect(masterLine('KOSDAQ', { code: '247540', name: '에코프로비엠' }).length).toBe(21 + 40 + 221);
  });

  it('reads code, Korean name, market and market cap of ordinary shares; ETFs and warrants are skipped', () => {
    const bytes = masterFile('KOSPI', [
      { code: '005930', name: '삼성전자', marketCap: 4_312_345 },
      { code: '000660', name: 'SK하이닉스', marketCap: 1_500_000 },
      { code: '069500', name: 'KODEX 200', group: 'EF', marketCap: 60_000 },
      { code: '005935', name: '삼성전자우', marketCap: 400_000 },
      { code: '035420', name: 'NAVER', marketCap: 300_000 },
    ]);
    expect(parseKisMasterFile(bytes, 'KOSPI')).toEqual([
      { code: '005930', name: '삼성전자', market: 'KOSPI', marketCap: 4_312_345 },
      { code: '000660', name: 'SK하이닉스', market: 'KOSPI', marketCap: 1_500_000 },
      { code: '005935', name: '삼성전자우', market: 'KOSPI', marketCap: 400_000 },
      { code: '035420', name: 'NAVER', market: 'KOSPI', marketCap: 300_000 },
    ]);
  });

  it('reads KOSDAQ rows, CRLF line ends, a name that fills its field, and a foreign share (FS)', () => {
    const bytes = masterFile(
      'KOSDAQ',
      [
        { code: '247540', name: '에코프로비엠', marketCap: 200_000 },
        { code: '900140', name: '엘브이엠씨홀딩스', group: 'FS', marketCap: 3_000 },
        { code: '123456', name: '가나다라마바사아자차카타파하거너더러머', marketCap: 1 },
      ],
      '\r\n',
    );
    expect(parseKisMasterFile(bytes, 'KOSDAQ')).toEqual([
      { code: '247540', name: '에코프로비엠', market: 'KOSDAQ', marketCap: 200_000 },
      { code: '900140', name: '엘브이엠씨홀딩스', market: 'KOSDAQ', marketCap: 3_000 },
      { code: '123456', name: '가나다라마바사아자차카타파하거너더러머', market: 'KOSDAQ', marketCap: 1 },
    ]);
  });

  it('refuses bytes that are not a master file (an HTML error page) instead of returning an empty listing', () => {
    expect(() =>
      parseKisMasterFile(Buffer.from('<html><body>503 Service Unavailable</body></html>\n'), 'KOSPI'),
    ).toThrow(/none in the master-file layout/u);
    expect(() => parseKisMasterFile(Buffer.alloc(0), 'KOSDAQ')).toThrow(/0 line/u);
  });
});

describe('zip entry reader (node:zlib inflate, CRC-checked)', () => {
  const data = masterFile('KOSPI', [{ code: '005930', name: '삼성전자' }]);

  it('finds the named entry among several, deflated or stored, and returns its exact bytes', () => {
    const zip = writeZip([
      { name: 'readme.txt', data: Buffer.from('x') },
      { name: 'kospi_code.mst', data },
    ]);
    expect(readZipEntry(zip, (n) => n.endsWith('.mst'))).toEqual({ name: 'kospi_code.mst', data });
    const stored = writeZip([{ name: 'kospi_code.mst', data, method: 'store' }]);
    expect(readZipEntry(stored, (n) => n === 'kospi_code.mst').data.equals(data)).toBe(true);
  });

  it('fails clearly on a truncated download, a corrupted byte, a missing entry or something that is not a zip', () => {
    const zip = writeZip([{ name: 'kospi_code.mst', data }]);
    expect(() => readZipEntry(zip.subarray(0, zip.length - 30), () => true)).toThrow(/zip: /u);
    const corrupt = Buffer.from(zip);
    const inData = 30 + 'kospi_code.mst'.length + 10;
    corrupt[inData] = corrupt[inData]! ^ 0xff;
    expect(() => readZipEntry(corrupt, () => true)).toThrow(/CRC-32|inflate|inflates to/u);
    expect(() => readZipEntry(zip, (n) => n === 'kosdaq_code.mst')).toThrow(/no matching file/u);
    expect(() => readZipEntry(Buffer.from('<html>not found</html>'.repeat(3)), () => true)).toThrow(/not a zip file/u);
  });
});
