import { S3Client } from '@aws-sdk/client-s3';
import { RiskXpertError } from '../../errors.js';

export interface S3ClientSettings {
  endpoint?: string | undefined;
  region: string;
  forcePathStyle: boolean;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

/**
 * The one way RiskXpert opens S3-compatible storage (MinIO in the compose file). Credentials are passed explicitly,
 * from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment only: the SDK's default chain would also read
 * ~/.aws files and instance metadata, which a server should not pick up by accident. They are never logged.
 */
export function createS3Client(s: S3ClientSettings): S3Client {
  if (!s.accessKeyId || !s.secretAccessKey)
    throw new RiskXpertError(
      'CONFIG_INVALID',
      'REPORTS_S3_BUCKET is set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the environment too.',
    );
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    // MinIO and most self-hosted stores serve buckets as a path (/bucket/key), not as a host name.
    forcePathStyle: s.forcePathStyle,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    maxAttempts: 2,
    // Only what S3 itself requires: MinIO and other stand-ins reject the newer default checksum trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
