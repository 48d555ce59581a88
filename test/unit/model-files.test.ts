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
