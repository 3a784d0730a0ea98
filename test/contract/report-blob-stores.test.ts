import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/app/clients/s3.js';
import { createFolderReportBlobs } from '../../src/risk/risk-report.js';
import { createS3ReportBlobs } from '../../src/risk/s3-report-blobs.js';
import { startFakeS3, type FakeS3 } from '../fakes/s3-server.js';
import { reportBlobStoreContract } from './report-blob-store.contract.js';

let s3: FakeS3;
const clients: { destroy(): void }[] = [];
beforeAll(async () => {
  s3 = await startFakeS3();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await s3.close();
});

function s3Store(overrides: { accessKeyId?: string; secretAccessKey?: string; region?: string } = {}) {
  const client = createS3Client({
    endpoint: s3.url,
    region: overrides.region ?? s3.region,
    forcePathStyle: true,
    accessKeyId: overrides.accessKeyId ?? s3.accessKeyId,
    secretAccessKey: overrides.secretAccessKey ?? s3.secretAccessKey,
  });
  clients.push(client);
  return createS3ReportBlobs({ client, bucket: s3.bucket });
}

describe('report store contract: local folder', () => {
  reportBlobStoreContract(async () => createFolderReportBlobs(await mkdtemp(join(tmpdir(), 'rx-report-blobs-'))));
});

describe('report store contract: S3-compatible (local S3 stand-in, SigV4 checked)', () => {
  reportBlobStoreContract(async () => s3Store());

  it('writes path-style objects under reports/, signed with our key and a us-east-1/s3 scope', async () => {
    const id = randomUUID();
    await s3Store().put(id, '<p>x</p>');
    expect(s3.objects.get(`reports/${id}.html`)?.contentType).toBe('text/html; charset=utf-8');
    expect(s3.requests.at(-1)).toEqual({ method: 'PUT', path: `/${s3.bucket}/reports/${id}.html` });
  });

  it('is refused with a wrong secret, a wrong access key or another region, and says the store is unavailable', async () => {
    const id = randomUUID();
    await s3Store().put(id, 'kept');
    for (const [bad, code] of [
      [{ secretAccessKey: 'not-the-secret' }, 'SignatureDoesNotMatch'],
      [{ accessKeyId: 'AKIAWRONG' }, 'InvalidAccessKeyId'],
      [{ region: 'eu-west-1' }, 'AuthorizationHeaderMalformed'],
    ] as const) {
      await expect(s3Store(bad).put(randomUUID(), 'x')).rejects.toThrow();
      expect(s3.requests.at(-1)?.error).toBe(code);
      await expect(s3Store(bad).get(id)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(s3.requests.at(-1)?.error).toBe(code);
    }
  });

  it('refuses an unsigned request (no Authorization header)', async () => {
    const res = await fetch(`${s3.url}/${s3.bucket}/reports/${randomUUID()}.html`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });
});
