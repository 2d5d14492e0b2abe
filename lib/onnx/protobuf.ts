/**
 * The few protobuf wire-format primitives the ONNX encoder and metadata reader need. ONNX models are
 * protobuf messages (onnx.proto3); writing them by hand keeps test models real without a Python toolchain.
 * Wire format: https://protobuf.dev/programming-guides/encoding/ (read 2025-06).
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Appends protobuf fields to a growing byte list; every method returns `this` for chaining. */
export class ProtobufWriter {
  private readonly chunks: Uint8Array[] = [];

  /** An int32/int64/enum/bool field. Negative numbers use the 10-byte two's complement form, as protobuf requires. */
  varint(field: number, value: number | bigint | boolean): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(typeof value === 'boolean' ? BigInt(value ? 1 : 0) : BigInt(value));
    return this;
  }

  /** A `float` field (fixed32, little-endian IEEE 754). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.chunks.push(bytes);
    return this;
  }

  /** A `string` field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** A `bytes` field or an embedded message. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(BigInt(value.length));
    this.chunks.push(value);
    return this;
  }

  /** An embedded message built by `build`. */
  message(field: number, build: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** A packed `repeated float` field. */
  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, bytes);
  }

  /** A packed `repeated int64`/`int32` field. */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtobufWriter();
    for (const v of values) inner.rawVarint(BigInt(v));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(BigInt((field << 3) | wireType));
  }

  private rawVarint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v !== 0n);
    this.chunks.push(Uint8Array.from(bytes));
  }
}

/** One decoded field: varints as bigint, length-delimited values as bytes, fixed values as raw bytes. */
export interface ProtobufField {
  readonly field: number;
  readonly wireType: number;
  readonly value: bigint | Uint8Array;
}

/**
 * Splits a message into its top-level fields without interpreting them.
 * @throws Error when the bytes are not a well-formed protobuf message
 */
export function readProtobufFields(bytes: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (offset >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('varint longer than 10 bytes');
    }
  };
  const take = (length: number): Uint8Array => {
    if (offset + length > bytes.length) throw new Error('field runs past the end of the message');
    const slice = bytes.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  while (offset < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw new Error('field number 0 is invalid');
    switch (wireType) {
      case WIRE_VARINT:
        fields.push({ field, wireType, value: varint() });
        break;
      case WIRE_FIXED64:
        fields.push({ field, wireType, value: take(8) });
        break;
      case WIRE_LENGTH_DELIMITED:
        fields.push({ field, wireType, value: take(Number(varint())) });
        break;
      case WIRE_FIXED32:
        fields.push({ field, wireType, value: take(4) });
        break;
      default:
        throw new Error(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}
