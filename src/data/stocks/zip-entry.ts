import { crc32, inflateRawSync } from 'node:zlib';
import { RiskXpertError } from '../../errors.js';

/** The largest entry we inflate: KIS's master files are about 1 MB; anything far bigger is not one of them. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function bad(what: string): RiskXpertError {
  return new RiskXpertError('PROVIDER_FAILED', `zip: ${what}`, { retryable: false });
}

/** The end-of-central-directory record: the last 22 bytes, or earlier when the archive carries a comment. */
function findEndRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw bad('no end-of-central-directory record (not a zip file, or cut short).');
}

/**
 * One file out of a zip archive, found by its name through the central directory (the authoritative list; local
 * headers may defer sizes to a data descriptor). Stored and deflated entries only, which is what KIS publishes;
 * the CRC-32 and size are checked, so a truncated or corrupted download fails instead of parsing half a listing.
 * Node's zlib does the inflating; this reads only the container.
 */
export function readZipEntry(bytes: Uint8Array, wanted: (name: string) => boolean): { name: string; data: Buffer } {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zip.length < 22) throw bad('too short to be a zip file.');
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw bad('zip64 archives are not supported.');
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw bad('central directory is damaged.');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('latin1');
    at += 46 + nameLength + extraLength + commentLength;
    if (!wanted(name)) continue;
    if (flags & 1) throw bad(`${name} is encrypted.`);
    if (size > MAX_ENTRY_BYTES) throw bad(`${name} is ${size} bytes, more than a master file can be.`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE)
      throw bad(`local header of ${name} is damaged.`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw bad(`${name} is cut short.`);
    const raw = zip.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
      } catch (err) {
        throw bad(`${name} does not inflate (${(err as Error).message}).`);
      }
    } else throw bad(`${name} uses compression method ${method}; only stored and deflate are read.`);
    if (data.length !== size) throw bad(`${name} inflates to ${data.length} bytes, the directory says ${size}.`);
    if (crc32(data) >>> 0 !== crc) throw bad(`${name} fails its CRC-32 check.`);
    return { name, data };
  }
  throw bad('the archive holds no matching file.');
}
