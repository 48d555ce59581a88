import { afterEach, expect, test } from 'vitest';
import { readModelJson } from '../../workers/model-files.ts';
import { IntegrityError } from '../../extension/protocol/errors.ts';
import type { CatalogueEntry } from '../../models/catalogue.ts';
import { startModelServer } from '../support/model-server.ts';

let server: Awaited<ReturnType<typeof startModelServer>> | undefined;
afterEach(async () => server?.close());

const entry = { id: 'broken', name: 'Broken', source: { kind: 'bundled', folder: 'm' } } as unknown as CatalogueEntry;
const text = (s: string) => new TextEncoder().encode(s);

test('a model JSON file that is not JSON (a proxy page saved as config.json) is a typed IntegrityError naming the file', async () => {
  server = await startModelServer({ '/m/config.json': { body: text('<html>blocked</html>') }, '/m/list.json': { body: text('[1, 2]') }, '/m/ok.json': { body: text('{"a": 1}') } });
  const failure = readModelJson(entry, 'config.json', server.origin);
  await expect(failure).rejects.toBeInstanceOf(IntegrityError);
  await expect(failure).rejects.toThrow(/config\.json of "Broken" is not valid JSON .*delete the model and download it again/);
  await expect(readModelJson(entry, 'list.json', server.origin)).rejects.toThrow(/not a JSON object/);
  expect(await readModelJson(entry, 'ok.json', server.origin)).toEqual({ a: 1 });
});

test('a model graph that is not ONNX (cut short, random bytes, a web page) is an IntegrityError naming the file', async () => {
  const { graphExternalData } = await import('../../workers/model-files.ts');
  const { readFileSync } = await import('node:fs');
  const good = new Uint8Array(readFileSync(new URL('../../models/bundled/tinystories-656k/model.onnx', import.meta.url)));
  expect(graphExternalData(entry, 'model.onnx', good)).toEqual([]);
  for (const bad of [good.slice(0, good.length / 2), new Uint8Array(4096).map((_, i) => (i * 7919) % 251), text('<html>blocked</html>')]) {
    expect(() => graphExternalData(entry, 'onnx/model.onnx', bad)).toThrow(IntegrityError);
    expect(() => graphExternalData(entry, 'onnx/model.onnx', bad)).toThrow(/onnx\/model\.onnx of "Broken" is not a valid ONNX model/);
  }
});
