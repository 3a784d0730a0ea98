/**
 * EUC-KR (CP949) bytes for test fixtures. Node ships a decoder but no encoder, so the table is built by decoding
 * every two-byte code once and inverting it: the bytes a test writes are exactly the bytes the decoder reads back.
 */
let table: Map<string, [number, number]> | undefined;

function encoderTable(): Map<string, [number, number]> {
  if (table) return table;
  const decoder = new TextDecoder('euc-kr');
  const map = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x41; trail <= 0xfe; trail += 1) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  table = map;
  return map;
}

export function encodeEucKr(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = encoderTable().get(ch);
    if (!pair) throw new Error(`${JSON.stringify(ch)} has no EUC-KR encoding`);
    out.push(...pair);
  }
  return Buffer.from(out);
}
