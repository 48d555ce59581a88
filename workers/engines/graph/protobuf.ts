/**
 * The protobuf wire format, as much as reading and rewriting an ONNX model needs: a message is a list of fields
 * (number, wire type, raw bytes or varint), kept in order so that a message can be written back byte for byte with
 * only the fields we change replaced.
 */
export type WireField =
  | { no: number; wire: 0; value: bigint }
  | { no: number; wire: 1 | 5; bytes: Uint8Array }
  | { no: number; wire: 2; bytes: Uint8Array };

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

function readVarint(buf: Uint8Array, at: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length; i++) {
    const byte = buf[i]!;
    value |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [value, i + 1];
    shift += 7n;
    if (shift > 70n) break;
  }
  throw new ProtobufError(`bad varint at byte ${at}`);
}

export function decodeMessage(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [value, after] = readVarint(buf, at);
      fields.push({ no, wire, value });
      at = after;
    } else if (wire === 2) {
      const [length, after] = readVarint(buf, at);
      const end = after + Number(length);
      if (end > buf.length) throw new ProtobufError(`field ${no} runs past the end of its message`);
      fields.push({ no, wire, bytes: buf.subarray(after, end) });
      at = end;
    } else if (wire === 1 || wire === 5) {
      const end = at + (wire === 1 ? 8 : 4);
      if (end > buf.length) throw new ProtobufError(`field ${no} runs past the end of its message`);
      fields.push({ no, wire, bytes: buf.subarray(at, end) });
      at = end;
    } else {
      throw new ProtobufError(`unsupported wire type ${wire} (field ${no})`);
    }
  }
  return fields;
}

function varintBytes(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

export function encodeMessage(fields: readonly WireField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (part: Uint8Array) => {
    parts.push(part);
    size += part.length;
  };
  for (const field of fields) {
    push(Uint8Array.from(varintBytes(BigInt((field.no << 3) | field.wire))));
    if (field.wire === 0) push(Uint8Array.from(varintBytes(field.value)));
    else {
      if (field.wire === 2) push(Uint8Array.from(varintBytes(BigInt(field.bytes.length))));
      push(field.bytes);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export const text = (field: WireField) => (field.wire === 2 ? fromUtf8.decode(field.bytes) : '');
export const stringField = (no: number, value: string): WireField => ({ no, wire: 2, bytes: utf8.encode(value) });
export const bytesField = (no: number, bytes: Uint8Array): WireField => ({ no, wire: 2, bytes });
export const intField = (no: number, value: number | bigint): WireField => ({ no, wire: 0, value: BigInt(value) });
export const floatField = (no: number, value: number): WireField => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return { no, wire: 5, bytes };
};
export const messageField = (no: number, fields: readonly WireField[]): WireField => ({ no, wire: 2, bytes: encodeMessage(fields) });

/** The varints of a repeated integer field, packed or not. */
export function packedInts(fields: readonly WireField[], no: number): bigint[] {
  const out: bigint[] = [];
  for (const field of fields) {
    if (field.no !== no) continue;
    if (field.wire === 0) out.push(field.value);
    else if (field.wire === 2) {
      for (let at = 0; at < field.bytes.length;) {
        const [value, next] = readVarint(field.bytes, at);
        out.push(BigInt.asIntN(64, value));
        at = next;
      }
    }
  }
  return out.map((v) => BigInt.asIntN(64, v));
}
