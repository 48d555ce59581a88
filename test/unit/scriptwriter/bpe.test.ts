import { describe, expect, test } from 'vitest';
import { TextTokenizer } from '../../../workers/engines/tokenizer.ts';
import { encodeWithMerges, tokenizerFiles, trainBpe } from '../../../models/training/scriptwriter/bpe.mjs';

const corpus = [
  'page "Shipping details"\n# shipping_details (form)\n$shipping_details__full_name text_input\n$shipping_details__send_button → submits shipping_details',
  '$shipping_details__full_name.type("Ana Berg");\n$shipping_details__send_button.click();',
  '$shop__items list(3) "Shop" fields: name, price e.g. {name: "Blue Lamp", price: "$21.25"}\ntask: Buy the Blue Lamp',
  'let best = $shop__items[0];\nfor (const item of $shop__items) {\n  if (parseFloat(item.price.text().replace("$", "")) < 3) best = item;\n}',
];

describe('byte-level BPE for the script writer', () => {
  const trained = trainBpe(corpus, 300);
  const { tokenizer, config } = tokenizerFiles(trained);
  const product = new TextTokenizer({ tokenizerJson: tokenizer, tokenizerConfig: config });

  test('learns merges up to the vocabulary size, specials first', () => {
    expect(Object.keys(trained.vocab)).toHaveLength(300);
    expect(trained.vocab['<pad>']).toBe(0);
    expect(trained.vocab['</s>']).toBe(2);
    expect(trained.merges.length).toBe(300 - 3 - 256);
  });

  test("the product's tokenizer reads the written tokenizer.json exactly as the trainer's merges do", () => {
    const texts = [...corpus, 'Unseen words: Zürich ✓ and $new_page__other_button.click();', '  spaces\tand\nnewlines  '];
    for (const text of texts) {
      const ids = product.encode(text, false);
      expect(ids).toEqual(encodeWithMerges(text, trained));
      expect(product.decode(ids)).toBe(text);
    }
    expect(product.encode('task: x')).toEqual([...encodeWithMerges('task: x', trained), 2]);
  });

  test('a frequent name becomes one token after its `$` (identifiers pre-tokenize whole)', () => {
    const names = trainBpe([...corpus, ...Array(20).fill('$shipping_details__send_button.click();')], 320);
    expect(encodeWithMerges('$shipping_details__send_button', names)).toHaveLength(2);
  });
});

describe('identifiers split into words', () => {
  const trained = trainBpe(corpus, 300, 'words');
  const { tokenizer, config } = tokenizerFiles(trained);
  const product = new TextTokenizer({ tokenizerJson: tokenizer, tokenizerConfig: config });

  test('the product reads it exactly; a name is its words and underscores, so an unseen name reuses known pieces', () => {
    for (const text of [...corpus, '$travel_booking__event_day.type("2026-07-15");']) {
      expect(product.encode(text, false)).toEqual(encodeWithMerges(text, trained));
      expect(product.decode(product.encode(text, false))).toBe(text);
    }
    const pieces = (text: string) => product.encode(text, false).map((id) => product.decode([id]));
    expect(pieces('$shop__items')).toEqual(['$', 'shop', '__', 'items']);
  });
});
