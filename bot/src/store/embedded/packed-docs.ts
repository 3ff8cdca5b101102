/**
 * Packed document blocks: how snapshot format 3 stores a collection's documents. Decoding a
 * million documents one BSON record each spent most of a start in the BSON parser (every field
 * name and every repeated string decoded again, per document) and in the garbage collector. A
 * block holds many documents with one table of their distinct strings (field names, tenant ids,
 * statuses... decoded once per block and shared by the documents, which strings may be: they are
 * immutable) and one table of object shapes (key lists), then a tape of tagged values.
 *
 * A value the tape has no tag for (ObjectId, Binary, RegExp, an invalid Date, a plain object with
 * an unusual key...) is stored as the BSON of `{ v: value }` and decoded by the BSON library, so
 * every document reads back exactly as a BSON round trip (what format 2 and the journal give).
 *
 * Block layout (integers are unsigned LEB128 varints unless noted):
 *   strings: count, then per string its UTF-8 byte length and bytes
 *   shapes:  count, then per shape its key count and the keys' string numbers
 *   docs:    count, then the tape: one value per document
 * Values: a tag byte, then NULL/FALSE/TRUE nothing, INT32 4 bytes LE, DOUBLE and DATE 8 bytes
 * (float64 LE; a Date's milliseconds), STRING a string number, ARRAY a length and the elements,
 * OBJECT a shape number and one value per key, BSON a byte length and the BSON bytes.
 */
import { deserialize, serialize } from 'bson';
import { isPlainObject, type Doc } from './values.ts';

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const INT32 = 3;
const DOUBLE = 4;
const STRING = 5;
const DATE = 6;
const ARRAY = 7;
const OBJECT = 8;
const BSON = 9;

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

/** A packed block that does not decode (its section's checksum matched, so a bug or tampering). */
export class PackedBlockError extends Error {}

/** Builds one block; add documents, then `finish`. */
export class PackedBlockWriter {
  private readonly strings = new Map<string, number>();
  /** Shapes by their keys, one level per key (no joined string per object). */
  private readonly shapes: ShapeNode = { next: new Map() };
  private readonly shapeKeys: number[][] = [];
  private tape = Buffer.allocUnsafe(1 << 16);
  private pos = 0;
  private docs = 0;

  /** Documents added so far. */
  get count(): number {
    return this.docs;
  }

  /** Tape bytes so far (a block is closed once it is large enough). */
  get bytes(): number {
    return this.pos;
  }

  add(doc: Doc): void {
    this.value(doc);
    this.docs++;
  }

  /** The block's bytes. */
  finish(): Buffer {
    const head = new ByteWriter();
    head.uint(this.strings.size);
    for (const s of this.strings.keys()) head.str(s);
    head.uint(this.shapeKeys.length);
    for (const keys of this.shapeKeys) {
      head.uint(keys.length);
      for (const k of keys) head.uint(k);
    }
    head.uint(this.docs);
    return Buffer.concat([head.done(), this.tape.subarray(0, this.pos)]);
  }

  private value(v: unknown): void {
    if (v === null || v === undefined) return this.byte(NULL);
    switch (typeof v) {
      case 'boolean':
        return this.byte(v ? TRUE : FALSE);
      case 'string':
        this.byte(STRING);
        return this.uint(this.stringNo(v));
      case 'number':
        if (Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0)) {
          this.byte(INT32);
          this.room(4);
          this.pos = this.tape.writeInt32LE(v, this.pos);
          return;
        }
        this.byte(DOUBLE);
        return this.double(v);
      case 'object':
        break;
      default:
        return this.bson(v);
    }
    if (v instanceof Date) {
      const ms = v.getTime();
      if (Number.isNaN(ms)) return this.bson(v);
      this.byte(DATE);
      return this.double(ms);
    }
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return this.bson(v);
      this.byte(ARRAY);
      this.uint(v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i]);
      return;
    }
    if (!isPlainObject(v)) return this.bson(v);
    const keys = Object.keys(v);
    for (const k of keys) {
      const x = v[k];
      // What BSON would treat specially (or drop) goes through BSON itself.
      if (
        k === '__proto__' ||
        k === '_bsontype' ||
        typeof x === 'function' ||
        typeof x === 'symbol' ||
        typeof x === 'bigint'
      ) {
        return this.bson(v);
      }
    }
    this.byte(OBJECT);
    this.uint(this.shapeNo(keys));
    for (const k of keys) this.value(v[k]);
  }

  private stringNo(s: string): number {
    let n = this.strings.get(s);
    if (n === undefined) this.strings.set(s, (n = this.strings.size));
    return n;
  }

  private shapeNo(keys: string[]): number {
    let node = this.shapes;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = { next: new Map() }));
      node = child;
    }
    if (node.shape === undefined) {
      node.shape = this.shapeKeys.length;
      this.shapeKeys.push(keys.map((k) => this.stringNo(k)));
    }
    return node.shape;
  }

  private bson(v: unknown): void {
    const body = serialize({ v }, { ignoreUndefined: false });
    this.byte(BSON);
    this.uint(body.length);
    this.room(body.length);
    this.tape.set(body, this.pos);
    this.pos += body.length;
  }

  private room(n: number): void {
    if (this.pos + n <= this.tape.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.tape.length * 2, this.pos + n));
    this.tape.copy(next, 0, 0, this.pos);
    this.tape = next;
  }

  private byte(b: number): void {
    this.room(1);
    this.tape[this.pos++] = b;
  }

  private uint(n: number): void {
    this.room(5);
    this.pos = writeUint(this.tape, this.pos, n);
  }

  private double(n: number): void {
    this.room(8);
    this.pos = this.tape.writeDoubleLE(n, this.pos);
  }
}

interface ShapeNode {
  next: Map<string, ShapeNode>;
  shape?: number;
}

function writeUint(buf: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    buf[at++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  buf[at++] = n;
  return at;
}

/** A growable buffer for the block's tables. */
class ByteWriter {
  private buf = Buffer.allocUnsafe(1 << 16);
  private pos = 0;

  uint(n: number): void {
    this.room(5);
    this.pos = writeUint(this.buf, this.pos, n);
  }

  str(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.uint(len);
    this.room(len);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

/** Reads one block's documents, a slice at a time (`next`). */
export class PackedBlockReader {
  private readonly strings: string[];
  private readonly shapes: string[][];
  /** Per shape: its compiled reader once it has been read often enough (see makerOf). */
  private readonly makers: (Maker | null | undefined)[];
  private readonly uses: Uint32Array;
  private pos = 0;
  private left: number;

  constructor(private readonly buf: Buffer) {
    const nStrings = this.uint();
    this.strings = new Array<string>(nStrings);
    // The table read as Latin-1 in one call (its end found first): an ASCII string (ids,
    // statuses) is a piece of it, not one call into the runtime each.
    const from = this.pos;
    for (let i = 0; i < nStrings; i++) {
      const len = this.uint();
      this.need(len);
      this.pos += len;
    }
    const table = buf.toString('latin1', from, this.pos);
    this.pos = from;
    for (let i = 0; i < nStrings; i++) {
      const len = this.uint();
      this.need(len);
      const at = this.pos;
      this.strings[i] = isAscii(buf, at, len)
        ? table.slice(at - from, at - from + len)
        : buf.toString('utf8', at, at + len);
      this.pos += len;
    }
    const nShapes = this.uint();
    this.shapes = new Array<string[]>(nShapes);
    for (let i = 0; i < nShapes; i++) {
      const n = this.uint();
      const keys = new Array<string>(n);
      for (let k = 0; k < n; k++) keys[k] = this.string();
      this.shapes[i] = keys;
    }
    this.makers = new Array<Maker | null | undefined>(nShapes);
    this.uses = new Uint32Array(nShapes);
    this.left = this.uint();
  }

  /** Documents not read yet. */
  get remaining(): number {
    return this.left;
  }

  /** Up to `max` more documents; throws PackedBlockError on bytes that do not decode. */
  next(max: number): Doc[] {
    const n = Math.min(max, this.left);
    const out = new Array<Doc>(n);
    for (let i = 0; i < n; i++) {
      const doc = this.value();
      if (!isPlainObject(doc)) throw new PackedBlockError('a packed record is not a document');
      out[i] = doc as Doc;
    }
    this.left -= n;
    if (this.left === 0 && this.pos !== this.buf.length) {
      throw new PackedBlockError('bytes after the last packed document');
    }
    return out;
  }

  /** The next value on the tape (compiled shape readers call it for each key). */
  value(): unknown {
    const buf = this.buf;
    this.need(1);
    const tag = buf[this.pos++];
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT32: {
        this.need(4);
        const v = buf.readInt32LE(this.pos);
        this.pos += 4;
        return v;
      }
      case DOUBLE: {
        this.need(8);
        const v = buf.readDoubleLE(this.pos);
        this.pos += 8;
        return v;
      }
      case DATE: {
        this.need(8);
        const v = new Date(buf.readDoubleLE(this.pos));
        this.pos += 8;
        return v;
      }
      case STRING:
        return this.string();
      case ARRAY: {
        const n = this.uint();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.value();
        return out;
      }
      case OBJECT: {
        const no = this.uint();
        const keys = this.shapes[no];
        if (!keys) throw new PackedBlockError('unknown shape');
        let make = this.makers[no];
        if (make === undefined && ++this.uses[no]! >= COMPILE_AFTER) {
          make = this.makers[no] = makerOf(keys);
        }
        if (make) return make(this);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) out[keys[i]!] = this.value();
        return out;
      }
      case BSON: {
        const len = this.uint();
        this.need(len);
        // Copied first: BSON reads binary values as views into its input, and a large section's
        // blocks are read into one reused buffer (see snapshot.ts).
        const v = deserialize(Buffer.from(buf.subarray(this.pos, this.pos + len))).v as unknown;
        this.pos += len;
        return v;
      }
      default:
        throw new PackedBlockError(`unknown value tag ${String(tag)}`);
    }
  }

  private string(): string {
    const s = this.strings[this.uint()];
    if (s === undefined) throw new PackedBlockError('unknown string');
    return s;
  }

  private uint(): number {
    const buf = this.buf;
    // Most numbers (string and shape numbers, lengths) fit in one byte.
    if (this.pos < buf.length && buf[this.pos]! < 0x80) return buf[this.pos++]!;
    let n = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= buf.length || shift > 28) throw new PackedBlockError('truncated number');
      const b = buf[this.pos++]!;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new PackedBlockError('truncated value');
  }
}

/** Reads one object of a shape: its values in key order, as one object literal. */
type Maker = (reader: PackedBlockReader) => Record<string, unknown>;

/** Objects of one shape a block reads generically before its reader is compiled. */
const COMPILE_AFTER = 16;
/** Shapes whose readers are kept (by their keys), and the most keys one may have. */
const MAKERS_KEPT = 256;
const MAKER_KEYS = 64;
const makers = new Map<string, Maker>();

/**
 * A shape's compiled reader: an object literal of its keys (as JSON string literals), each value
 * read from the tape in order (a literal evaluates left to right). Decoding a million documents
 * of a few shapes then builds each object at once with its final layout, instead of adding its
 * keys one at a time, and V8 can allocate the many long-lived ones where they stay. Null for a
 * shape left to the generic path (too many keys, or `__proto__`, which a literal would take as
 * the prototype).
 */
function makerOf(keys: string[]): Maker | null {
  if (keys.length > MAKER_KEYS || keys.includes('__proto__')) return null;
  const id = keys.join('\u0000');
  let make = makers.get(id);
  if (!make) {
    const entries = keys.map((k) => `${JSON.stringify(k)}: r.value()`);
    make = new Function('r', `return { ${entries.join(', ')} };`) as Maker;
    if (makers.size >= MAKERS_KEPT) makers.clear();
    makers.set(id, make);
  }
  return make;
}

/** True when the `len` bytes at `at` are ASCII (short strings only: longer ones are decoded). */
function isAscii(buf: Buffer, at: number, len: number): boolean {
  if (len > 64) return false;
  for (let i = at; i < at + len; i++) if (buf[i]! >= 0x80) return false;
  return true;
}
