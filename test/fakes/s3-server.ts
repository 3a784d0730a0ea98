import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local S3 stand-in speaking the wire format over loopback: path-style PUT and GET Object, XML errors, and a
 * real AWS Signature Version 4 check (the same canonical request, string to sign and HMAC chain S3 documents), so a
 * client with the wrong secret, a wrong access key, a scope for another region or service, or no Authorization
 * header is refused as S3 would (403 SignatureDoesNotMatch / InvalidAccessKeyId / AuthorizationHeaderMalformed /
 * AccessDenied). Written independently of the SDK: only node:crypto.
 */
export interface FakeS3 {
  url: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  /** Every request as seen: method, path and the S3 error code answered (undefined when it succeeded). */
  requests: { method: string; path: string; error?: string }[];
  close(): Promise<void>;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

function xmlError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** S3's URI encoding of a query component (RFC 3986 unreserved characters kept). */
const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(search: URLSearchParams): string {
  return [...search]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Returns the S3 error code for a bad signature, or undefined when the request is signed by our key. */
function checkSignature(req: IncomingMessage, body: Buffer, s3: Omit<FakeS3, 'close' | 'url'>): string | undefined {
  const auth = req.headers.authorization;
  if (!auth) return 'AccessDenied';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/u.exec(
      auth,
    );
  if (!m) return 'AuthorizationHeaderMalformed';
  const [, keyId, day, region, service, signedHeaders, signature] = m as unknown as string[];
  if (keyId !== s3.accessKeyId) return 'InvalidAccessKeyId';
  if (region !== s3.region || service !== 's3') return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (amzDate.slice(0, 8) !== day) return 'AuthorizationHeaderMalformed';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return 'XAmzContentSHA256Mismatch';
  const url = new URL(req.url ?? '/', 'http://x');
  const names = signedHeaders!.split(';');
  if (!names.includes('host')) return 'AccessDenied';
  const headers = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/gu, ' ')}\n`,
    )
    .join('');
  const canonical = [
    req.method,
    url.pathname,
    canonicalQuery(url.searchParams),
    headers,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${s3.secretAccessKey}`, day!), region!), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature ? undefined : 'SignatureDoesNotMatch';
}

export async function startFakeS3(
  options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<FakeS3> {
  const state = {
    bucket: options.bucket ?? 'riskxpert-reports',
    region: options.region ?? 'us-east-1',
    accessKeyId: options.accessKeyId ?? 'AKIAFAKES3TEST',
    secretAccessKey: options.secretAccessKey ?? 'fake-s3-secret-key-for-tests',
    objects: new Map<string, { body: Buffer; contentType: string | undefined }>(),
    requests: [] as FakeS3['requests'],
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const seen: FakeS3['requests'][number] = { method: req.method ?? '', path };
      state.requests.push(seen);
      const fail = (status: number, code: string, message: string) => {
        seen.error = code;
        xmlError(res, status, code, message);
      };
      const authError = checkSignature(req, body, state);
      if (authError) return fail(403, authError, 'The request signature we calculated does not match.');
      // Path style only: /bucket/key. A virtual-hosted request (bucket in the host name) has no bucket here.
      const [, bucket, ...rest] = path.split('/');
      const key = decodeURIComponent(rest.join('/'));
      if (bucket !== state.bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
      if (req.method === 'PUT' && key) {
        state.objects.set(key, { body, contentType: req.headers['content-type'] });
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      if (req.method === 'GET' && key) {
        const o = state.objects.get(key);
        if (!o) return fail(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { 'content-type': o.contentType ?? 'binary/octet-stream', 'content-length': o.body.length });
        return res.end(o.body);
      }
      return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
