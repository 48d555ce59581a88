import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IncrementalDecoder, TextTokenizer } from '../../../workers/engines/tokenizer.ts';

const bundled = join(import.meta.dirname, '../../../models/bundled/tinystories-656k');
const shared = join(import.meta.dirname, '../../../../shared/models/TinyStories-656K');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const tokenizer = new TextTokenizer({ tokenizerJson: json(join(bundled, 'tokenizer.json')), tokenizerConfig: json(join(bundled, 'tokenizer_config.json')) });
const reference = json(join(shared, 'reference.json')) as { prompts: { input_ids: number[]; generated_ids: number[]; full_text: string }[] };

function stream(prompt: readonly number[], ids: readonly number[]) {
  const decoder = new IncrementalDecoder(tokenizer, prompt);
  const pieces = ids.map((id) => decoder.push(id));
  pieces.push(decoder.flush());
  return pieces;
}

describe('IncrementalDecoder', () => {
  test('the prompt\'s text and the streamed pieces join to the reference text of every golden prompt', () => {
    for (const p of reference.prompts) {
      const pieces = stream(p.input_ids, p.generated_ids);
      expect(tokenizer.decode(p.input_ids.slice(1)) + pieces.join('')).toBe(p.full_text);
    }
  });

  test('a character split over byte tokens is held back until it is whole, never shown as U+FFFD (byte-level BPE)', () => {
    const folder = join(import.meta.dirname, '../../../models/bundled/scriptwriter-encdec');
    const byteLevel = new TextTokenizer({ tokenizerJson: json(join(folder, 'tokenizer.json')), tokenizerConfig: json(join(folder, 'tokenizer_config.json')) });
    const ids = byteLevel.encode('Lily saw a café ☕ and a naïve 🐶 dog.', false);
    // Some characters really are split: decoding their tokens one by one gives U+FFFD.
    expect(ids.some((id) => byteLevel.decode([id]).includes('\uFFFD'))).toBe(true);
    const decoder = new IncrementalDecoder(byteLevel, []);
    const pieces = [...ids.map((id) => decoder.push(id)), decoder.flush()];
    expect(pieces.some((piece) => piece.includes('\uFFFD'))).toBe(false);
    expect(pieces.join('')).toBe('Lily saw a café ☕ and a naïve 🐶 dog.');
  });

  test('each new token costs a decode of a few tokens, not of everything generated so far', () => {
    const lengths: number[] = [];
    const counting = Object.create(tokenizer) as TextTokenizer;
    counting.decode = (ids: readonly number[]) => {
      lengths.push(ids.length);
      return tokenizer.decode(ids);
    };
    const ids = Array.from({ length: 8 }, () => reference.prompts[0]!.generated_ids).flat();
    const decoder = new IncrementalDecoder(counting, reference.prompts[0]!.input_ids);
    for (const id of ids) decoder.push(id);
    expect(ids.length).toBe(256);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8);
  });
});
