import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { catalogue, type CatalogueEntry } from '../../../models/catalogue.ts';
import { routes } from '../../../extension/protocol/messages.ts';
import { TokenCounter } from '../../../workers/token-count.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { Tokenizer } from '@huggingface/tokenizers';

const root = resolve(import.meta.dirname, '../../..');
const bundled = catalogue.find((e) => e.id === 'tinystories-656k')!;
const readBundled = (reads: string[]) => async (entry: CatalogueEntry, path: string) => {
  reads.push(path);
  if (entry.source.kind !== 'bundled') throw new Error('not bundled');
  return JSON.parse(readFileSync(resolve(root, entry.source.folder, path), 'utf8')) as Record<string, unknown>;
};

describe('token count with the model tokenizer', () => {
  test('counts with the bundled tokenizer; the tokenizer files are read once per worker, never the weights', async () => {
    const reads: string[] = [];
    const counter = new TokenCounter({ resolve: async (id) => catalogue.find((e) => e.id === id), read: readBundled(reads) });
    const text = '# inbox (region)\n$inbox__messages list(5) "Messages" fields: sender, subject';
    const reference = new Tokenizer(
      JSON.parse(readFileSync(resolve(root, 'models/bundled/tinystories-656k/tokenizer.json'), 'utf8')) as object,
      JSON.parse(readFileSync(resolve(root, 'models/bundled/tinystories-656k/tokenizer_config.json'), 'utf8')) as object,
    ).encode(text, { add_special_tokens: false }).ids.length;
    const counted = await counter.count(bundled.id, text);
    expect(counted).toEqual({ model: 'tinystories-656k', tokens: reference });
    // a tiny story vocabulary splits names like these into many pieces: more tokens than words, not chars/4
    expect(counted.tokens).toBeGreaterThan(text.split(/\s+/).length);
    expect(await counter.count(bundled.id, '')).toEqual({ model: 'tinystories-656k', tokens: 0 });
    expect((await counter.count(bundled.id, `${text} ${text}`)).tokens).toBeGreaterThan(counted.tokens);
    expect(reads.sort()).toEqual(['tokenizer.json', 'tokenizer_config.json']);
  });

  test('an unknown model or one without tokenizer.json is ModelNotFoundError, and is retried next time', async () => {
    const reads: string[] = [];
    const noTokenizer = { ...bundled, id: 'web-thing', name: 'Web thing', files: [{ path: 'model.bin', sha256: null }] } as CatalogueEntry;
    let known = false;
    const counter = new TokenCounter({
      resolve: async (id) => (id === 'web-thing' ? noTokenizer : known ? bundled : undefined),
      read: readBundled(reads),
    });
    await expect(counter.count('nope', 'x')).rejects.toMatchObject({ name: 'ModelNotFoundError' });
    await expect(counter.count('web-thing', 'x')).rejects.toMatchObject({ name: 'ModelNotFoundError', message: /no tokenizer\.json/ });
    known = true;
    expect((await counter.count('nope', 'hello')).tokens).toBeGreaterThan(0);
  });

  test('a tokenizer the loaded engine already has is used as is: no file is read', async () => {
    const reads: string[] = [];
    const counter = new TokenCounter({ resolve: async () => bundled, read: readBundled(reads) });
    const files = new TokenCounter({ resolve: async () => bundled, read: readBundled([]) });
    const engineTokenizer = new TextTokenizer({
      tokenizerJson: JSON.parse(readFileSync(resolve(root, 'models/bundled/tinystories-656k/tokenizer.json'), 'utf8')),
      tokenizerConfig: {},
    });
    counter.remember(bundled.id, engineTokenizer);
    expect(await counter.count(bundled.id, 'The cat sat.')).toEqual(await files.count(bundled.id, 'The cat sat.'));
    expect(reads).toEqual([]);
  });

  test('routes: tokens.count from our extension pages only, relayed host → worker with the same schemas', () => {
    for (const kind of ['tokens.count', 'host.tokens.count', 'worker.tokens.count'] as const) {
      expect(routes[kind].from).toEqual(['extension']);
      expect(v.safeParse(routes[kind].request, { model: 'tinystories-656k', text: 'hi' }).success).toBe(true);
      expect(v.safeParse(routes[kind].request, { model: '', text: 'hi' }).success).toBe(false);
      expect(v.safeParse(routes[kind].request, { model: 'm', text: 'x'.repeat(2_000_001) }).success).toBe(false);
      expect(v.safeParse(routes[kind].response, { model: 'm', tokens: 1.5 }).success).toBe(false);
    }
  });
});
