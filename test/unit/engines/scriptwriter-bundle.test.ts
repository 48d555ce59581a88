import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OrtSeq2SeqEngine } from '../../../workers/engines/ort-seq2seq.ts';
import { seq2seqConfigFrom } from '../../../workers/engines/seq2seq-config.ts';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { catalogue } from '../../../models/catalogue.ts';
import { collect } from './collect.ts';

/**
 * The bundled script writer (models/bundled/scriptwriter-encdec, made by `npm run train:scriptwriter`) against the
 * torch reference exported with it (test/fixtures/scriptwriter/reference.json): the product's tokenizer gives the
 * training ids for the held-out inputs, OrtSeq2SeqEngine on WASM reproduces the torch greedy scripts exactly, and
 * with the name constraint every `$name` it writes is one of the page's (unchanged where the free script's were).
 */
const bundle = join(import.meta.dirname, '../../../models/bundled/scriptwriter-encdec');
const fixture = join(import.meta.dirname, '../../fixtures/scriptwriter');
const file = (name: string) => new Uint8Array(readFileSync(join(bundle, name)));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
interface Case { id: string; text: string; input_ids: number[]; generated_ids: number[]; gold_ids: number[] }
const reference = json(join(fixture, 'reference.json')) as unknown as { eos_token_id: number; cases: Case[] };
const config = seq2seqConfigFrom(json(join(bundle, 'config.json')), json(join(bundle, 'generation_config.json')),
  json(join(bundle, 'tokenizer_config.json')));
const tokenizer = new TextTokenizer({ tokenizerJson: json(join(bundle, 'tokenizer.json')), tokenizerConfig: json(join(bundle, 'tokenizer_config.json')) });
const namesIn = (text: string) => [...new Set([...text.matchAll(/^\$([\p{L}\p{N}_]+)/gmu)].map((m) => m[1]!))];

let engine: OrtSeq2SeqEngine;
beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  engine = await OrtSeq2SeqEngine.load({
    ort, modelId: 'scriptwriter-encdec', backend: 'wasm', tokenizer, config, encoder: file('encoder_model.onnx'),
    decoder: { merged: file('decoder_model_merged.onnx') },
  });
});
afterAll(() => engine?.unload());

describe('bundled script writer (WASM, Node) against its torch reference', () => {
  test('the catalogue entry lists every bundled file with its size and sha256, for automation', () => {
    const entry = catalogue.find((e) => e.id === 'scriptwriter-encdec')!;
    expect(entry).toMatchObject({ engine: 'ort-seq2seq', architecture: 'encoder-decoder', source: { kind: 'bundled' }, promptFormat: 'scriptwriter' });
    expect(entry.goodFor).toContain('automate');
    for (const f of entry.files) {
      const bytes = file(f.path);
      expect(bytes.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      expect(bytes.length).toBeLessThanOrEqual(8 * 1024 * 1024);
    }
  });

  test.each(reference.cases.map((c) => [c.id, c] as const))('%s: same ids as torch; constrained, only the page\'s names', async (_id, c) => {
    expect(tokenizer.encode(c.text)).toEqual(c.input_ids);
    const generate = (constraint?: { names: string[] }) => collect(engine.generate({ id: 't', prompt: c.text,
      ...(constraint ? { constraint } : {}), params: { maxTokens: 160, temperature: 0 } }));
    const free = (await generate()).final;
    expect(free.tokenIds.filter((id) => id !== reference.eos_token_id)).toEqual(c.generated_ids.filter((id) => id !== reference.eos_token_id));
    const names = namesIn(c.text);
    const constrained = (await generate({ names })).final;
    // References outside string literals (`"$12"` is text), as the constraint reads them.
    const code = (text: string) => text.replace(/"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/g, '""');
    const used = (text: string) => [...code(text).matchAll(/\$([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!);
    // A reference the token budget cut off at the very end is a prefix of a name, not yet a name.
    const cut = constrained.finishReason === 'length' ? /\$([\p{L}\p{N}_]+)$/u.exec(constrained.text)?.[1] : undefined;
    if (cut) expect(names.some((n) => n.startsWith(cut))).toBe(true);
    for (const name of used(cut ? constrained.text.slice(0, -cut.length - 1) : constrained.text)) expect(names, constrained.text).toContain(name);
    // Where the free script already used only real names (and no `$` without one, as in `$]…`), the constraint
    // changes nothing.
    const dollars = (text: string) => (code(text).match(/\$/g) ?? []).length;
    if (used(free.text).length === dollars(free.text) && used(free.text).every((n) => names.includes(n))) expect(constrained.tokenIds).toEqual(free.tokenIds);
  });
});
