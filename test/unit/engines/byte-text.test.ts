import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { outputConstraintsFor } from '../../../workers/engines/decoding/output-constraints.ts';
import { byteText } from '../../../workers/engines/decoding/byte-text.ts';

const bundled = (model: string) => {
  const json = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../models/bundled', model, name), 'utf8'));
  return new TextTokenizer({ tokenizerJson: json('tokenizer.json'), tokenizerConfig: json('tokenizer_config.json') });
};

/** Whether the constraints let the model write `text` token by token as the tokenizer encodes it. */
function writable(tokenizer: TextTokenizer, text: string, constraint: Parameters<typeof outputConstraintsFor>[0], eos: number, vocab: number): boolean {
  const constraints = outputConstraintsFor(constraint, tokenizer, vocab, [eos])!;
  for (const id of tokenizer.encode(text, false)) {
    if (!constraints.allows(id)) return false;
    constraints.accept(id);
  }
  return constraints.allows(eos);
}

describe('constraints over characters split into byte tokens', () => {
  test('the byte form keeps ASCII and maps other bytes to caseless letters', () => {
    expect(byteText('Ito')).toBe('Ito');
    expect(byteText('Zoë')).toHaveLength(4);
    expect(byteText('Zoë').toLowerCase()).toBe(`zo${byteText('Zoë').slice(2)}`);
    expect(byteText('Zoë').normalize('NFKD')).toBe(byteText('Zoë'));
  });

  test('the bundled script writer (byte-level BPE): a value with ë, ã, 東京 is typed as the task writes it, a wrong one is not', () => {
      const [eos, vocab] = [2, 2051];
      const tokenizer = bundled('scriptwriter-encdec');
      const ids = tokenizer.encode('Zoë', false);
      expect(ids.some((id) => tokenizer.decode([id]).includes('\uFFFD'))).toBe(true);
      const constraint = { names: ['form__name'], literals: ['Type "Zoë São 東京" into the name'], syntax: 'script' as const };
      expect(writable(tokenizer, '$form__name.type("Zoë São 東京");', constraint, eos, vocab)).toBe(true);
      expect(writable(tokenizer, '$form__name.type("Zoé");', constraint, eos, vocab)).toBe(false);
      expect(writable(tokenizer, '$form__name.type("Zo");', constraint, eos, vocab)).toBe(false);
  });

  test('a token keeps the leading space a SentencePiece decoder drops at the start of a decode', () => {
    const vocab = ['</s>', 'a', '▁Ito', 'Ito', '"'];
    const decode = (ids: number[]) => ids.map((id) => vocab[id]!.replace('▁', ' ')).join('').replace(/^ /, '').replace('</s>', '');
    const constraints = outputConstraintsFor({ literals: ['Search for "a Ito"'] }, { decode }, vocab.length, [0])!;
    for (const id of [4, 1]) constraints.accept(id);
    expect(constraints.allows(2)).toBe(true);
    expect(constraints.allows(3)).toBe(false);
  });
});
