import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RiskXpertError } from '../errors.js';
import { isReportId, type ReportBlobStore } from './risk-report.js';

/**
 * Reports as objects `<prefix><id>.html` in an S3-compatible bucket. The bucket stays private: chat links point at
 * our own GET /risk/reports/:id, which reads through this store (docs/risk.md says why not presigned URLs).
 */
export function createS3ReportBlobs(deps: { client: S3Client; bucket: string; prefix?: string }): ReportBlobStore {
  const key = (id: string) => `${deps.prefix ?? 'reports/'}${id}.html`;
  return {
    async put(id, html) {
      if (!isReportId(id)) throw new RiskXpertError('BAD_REQUEST', 'A report id is a UUID.');
      await deps.client.send(
        new PutObjectCommand({
          Bucket: deps.bucket,
          Key: key(id),
          Body: html,
          ContentType: 'text/html; charset=utf-8',
        }),
      );
    },
    async get(id) {
      if (!isReportId(id)) throw new RiskXpertError('NOT_FOUND', 'No such report.');
      try {
        const out = await deps.client.send(new GetObjectCommand({ Bucket: deps.bucket, Key: key(id) }));
        if (!out.Body) throw new RiskXpertError('NOT_FOUND', 'No such report.');
        return await out.Body.transformToString('utf8');
      } catch (err) {
        const name = (err as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound') throw new RiskXpertError('NOT_FOUND', 'No such report.');
        throw err instanceof RiskXpertError
          ? err
          : new RiskXpertError('STORE_UNAVAILABLE', `The report store did not answer (${name ?? 'error'}).`);
      }
    },
  };
}
