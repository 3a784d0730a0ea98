import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ReportBlobStore } from '../../src/risk/risk-report.js';

/** What every report store must do, run on the local folder and on S3-compatible storage alike. */
export function reportBlobStoreContract(open: () => Promise<ReportBlobStore>): void {
  it('gives back what was put, byte for byte (Korean text included), under its id', async () => {
    const store = await open();
    const id = randomUUID();
    const html = '<!doctype html><p>한 달 95% VaR는 −5.5%예요 & <b>ES</b></p>';
    await store.put(id, html);
    expect(await store.get(id)).toBe(html);
  });

  it('keeps reports apart and overwrites none', async () => {
    const store = await open();
    const [a, b] = [randomUUID(), randomUUID()];
    await store.put(a, 'A');
    await store.put(b, 'B');
    expect([await store.get(a), await store.get(b)]).toEqual(['A', 'B']);
  });

  it('answers NOT_FOUND for an unknown id and for one that is not a UUID', async () => {
    const store = await open();
    await expect(store.get(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to write under an id that is not a UUID', async () => {
    const store = await open();
    await expect(store.put('../escape', 'x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
}
