/**
 * On-disk record framing shared by the journal and the snapshot: a BSON document (which starts
 * with its own int32 length) followed by the CRC-32 of those bytes. The length makes a torn tail
 * detectable; the checksum catches a tail whose length survived but whose bytes did not.
 */
import { crc32 } from 'node:zlib';
import { deserialize, serialize, type Document } from 'bson';

/** Encodes one record; BSON `undefined` is stored as null, as the driver does. */
export function encodeFrame(record: Document): Buffer {
  const body = serialize(record, { ignoreUndefined: false });
  const frame = Buffer.allocUnsafe(body.length + 4);
  frame.set(body, 0);
  frame.writeUInt32LE(crc32(body), body.length);
  return frame;
}

/**
 * The frame of a batch record, `encodeFrame({ l: lsn, t: 'g', f: <frames, concatenated> })` byte
 * for byte (BSON: `l` an int32, or a double past the int32 range, as the serializer writes a
 * number; `t` a string; `f` binary subtype 0), written straight from the batch's frames: no
 * concatenated copy, no serializer pass over bytes that are already encoded.
 */
export function encodeBatchFrame(lsn: number, frames: readonly Buffer[]): Buffer {
  let bodyBytes = 0;
  for (const f of frames) bodyBytes += f.length;
  const int32 = Number.isInteger(lsn) && lsn >= -0x80000000 && lsn <= 0x7fffffff;
  // int32 size; `l`: type, name, value; `t`: type, name, length, 'g\0'; `f`: type, name, length,
  // subtype, bytes; the document's end.
  const docBytes = 4 + (3 + (int32 ? 4 : 8)) + (3 + 4 + 2) + (3 + 4 + 1 + bodyBytes) + 1;
  const out = Buffer.allocUnsafe(docBytes + 4);
  let at = out.writeInt32LE(docBytes, 0);
  out[at++] = int32 ? 0x10 : 0x01;
  at += out.write('l\0', at, 'latin1');
  at = int32 ? out.writeInt32LE(lsn, at) : out.writeDoubleLE(lsn, at);
  out[at++] = 0x02;
  at += out.write('t\0', at, 'latin1');
  at = out.writeInt32LE(2, at);
  at += out.write('g\0', at, 'latin1');
  out[at++] = 0x05;
  at += out.write('f\0', at, 'latin1');
  at = out.writeInt32LE(bodyBytes, at);
  out[at++] = 0x00;
  for (const f of frames) at += f.copy(out, at);
  out[at++] = 0x00;
  out.writeUInt32LE(crc32(out.subarray(0, docBytes)), at);
  return out;
}

export interface DecodedFrames {
  records: Document[];
  /** Bytes of complete, valid records from the start of the buffer. */
  validLength: number;
  /** Why decoding stopped before the end of the buffer, if it did. */
  problem?: string;
}

/** Decodes records until the end of the buffer or the first incomplete or corrupt record. */
export function decodeFrames(buf: Buffer): DecodedFrames {
  const records: Document[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (buf.length - pos < 9) {
      return { records, validLength: pos, problem: 'truncated record header' };
    }
    const len = buf.readInt32LE(pos);
    if (len < 5 || pos + len + 4 > buf.length) {
      return { records, validLength: pos, problem: `incomplete record of ${len} bytes` };
    }
    const body = buf.subarray(pos, pos + len);
    if (body[len - 1] !== 0 || crc32(body) !== buf.readUInt32LE(pos + len)) {
      return { records, validLength: pos, problem: 'checksum mismatch' };
    }
    try {
      // Decoded from a copy: the BSON parser is several times slower on a view into a large
      // buffer (a journal or snapshot read whole) than on a buffer of its own (measured).
      records.push(deserialize(Buffer.from(body)));
    } catch (e) {
      return { records, validLength: pos, problem: `undecodable record: ${String(e)}` };
    }
    pos += len + 4;
  }
  return { records, validLength: pos };
}
