import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkTokenizerFits, decoderConfigFrom, tokenizerIds } from '../../../workers/engines/model-config.ts';

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const tinyStories = json('models/bundled/tinystories-656k/tokenizer.json');
const seq2seq = json('test/fixtures/seq2seq-tiny/tokenizer.json');
const base = { num_hidden_layers: 2, num_attention_heads: 4, hidden_size: 64, vocab_size: 2048 };

describe('a model\'s files must belong together (checked when it loads)', () => {
  test('the ids a tokenizer gives: BPE vocabulary and added tokens; a Unigram list', () => {
    expect(tokenizerIds(tinyStories)).toBe(2048);
    expect(tokenizerIds(seq2seq)).toBe(128);
    expect(tokenizerIds({ model: { type: 'Unigram', vocab: [['a', 0], ['b', -1], ['c', -2]] }, added_tokens: [{ id: 5 }] })).toBe(6);
    expect(tokenizerIds({ model: { vocab: {} } })).toBeUndefined();
    // Added tokens alone are not the vocabulary's size: an unreadable vocabulary says nothing.
    expect(tokenizerIds({ model: { type: 'Other' }, added_tokens: [{ id: 3 }] })).toBeUndefined();
  });

  test('the model\'s own tokenizer fits; a padded vocabulary (Qwen2.5-like) fits', () => {
    expect(() => checkTokenizerFits(tinyStories, 2048)).not.toThrow();
    expect(() => checkTokenizerFits({ model: { vocab: { a: 0 } }, added_tokens: [{ id: 151_664 }] }, 151_936)).not.toThrow();
  });

  test('another model\'s tokenizer, or one cut short, is an IntegrityError that says why', () => {
    expect(() => checkTokenizerFits(seq2seq, 2048)).toThrow(/tokenizer\.json knows 128 tokens, but config\.json gives the model 2048/);
    expect(() => checkTokenizerFits(tinyStories, 128)).toThrow(/has ids up to 2047, but config\.json gives the model 128 outputs/);
    expect(() => checkTokenizerFits(seq2seq, 2048)).toThrow(expect.objectContaining({ name: 'IntegrityError' }));
  });

  test('a context too short to hold a prompt and an answer is refused; 16 and up are taken', () => {
    for (const context of [1, 3, 15]) {
      expect(() => decoderConfigFrom({ ...base, max_position_embeddings: context })).toThrow(new RegExp(`a context of ${context} tokens: at least 16`));
    }
    expect(decoderConfigFrom({ ...base, max_position_embeddings: 16 }).contextLength).toBe(16);
  });
});
