import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkOnnxFraming } from '../../../workers/engines/graph/onnx-framing.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/seq2seq-tiny/${name}`, import.meta.url)));

/** The bytes as a stream of chunks of `size` (1 byte at a time, an odd size, all at once). */
async function* inChunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const check = (bytes: Uint8Array, size: number) => checkOnnxFraming(inChunks(bytes, size));

describe('ONNX framing check (user-added graphs too big to parse whole)', () => {
  const model = fixture('decoder_model_merged.onnx');

  test.each([1, 7, 4096, model.length])('a whole exported model passes, streamed in chunks of %i', async (size) => {
    await expect(check(model, size)).resolves.toBeUndefined();
  });

  test.each([1, 7, 4096])('one byte short, half, or the first 1,000 bytes: cut short (chunks of %i)', async (size) => {
    for (const cut of [model.length - 1, Math.floor(model.length / 2), 1000]) {
      await expect(check(model.subarray(0, cut), size), `cut at ${cut}`).rejects.toThrow(/ends inside a field/);
    }
  });

  test('an HTML page, JSON, zeros and an empty file are refused', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    await expect(check(text('<!doctype html><title>Not found</title>'), 64)).rejects.toThrow();
    await expect(check(text('{"error": "not found"}'), 64)).rejects.toThrow();
    await expect(check(new Uint8Array(1024), 64)).rejects.toThrow(/starts no field/);
    await expect(check(new Uint8Array(0), 64)).rejects.toThrow(/no graph/);
  });

  test('a whole protobuf that is not a model (no graph field) is refused', async () => {
    // Field 1 (varint 8), field 2 (a 3-byte string): well formed, but no field 7.
    await expect(check(new Uint8Array([0x08, 0x08, 0x12, 0x03, 0x61, 0x62, 0x63]), 2)).rejects.toThrow(/no graph/);
  });

  test('lengths past 2^32 are read exactly (a field that claims 5 GB in a small file is cut short)', async () => {
    // Field 7, wire 2, length 5,000,000,000 as a varint.
    const length = [];
    for (let v = 5_000_000_000; ; v = Math.floor(v / 128)) {
      if (v < 128) {
        length.push(v);
        break;
      }
      length.push((v % 128) | 0x80);
    }
    await expect(check(new Uint8Array([0x3a, ...length, 1, 2, 3]), 3)).rejects.toThrow(/4999999997 more were to come/);
  });
});
