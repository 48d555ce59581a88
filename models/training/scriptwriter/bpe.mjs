// A byte-level BPE trainer that writes a Hugging Face tokenizer.json (GPT-2 style: ByteLevel pre-tokenizer with its
// regex, ByteLevel decoder, no unknown token), so the product's tokenizer (@huggingface/tokenizers) applies it as is.
// Identifiers pre-tokenize whole, so merges learn the names and pieces that page documents and scripts are made of,
// and any unseen text still encodes (bytes).

/** GPT-2's byte → printable character table. */
export function bytesToUnicode() {
  const bs = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  return new Map(bs.map((b, i) => [b, String.fromCharCode(cs[i])]));
}

/**
 * GPT-2's split, except that identifiers (letters, digits, underscores) stay one piece, so a document name such as
 * `shop__add_to_cart` can become one token instead of eight.
 */
const PRETOKENIZE_SOURCE = "'s|'t|'re|'ve|'m|'ll|'d| ?[\\p{L}\\p{N}_]+| ?[^\\s\\p{L}\\p{N}_]+|\\s+(?!\\S)|\\s+";
export const PRETOKENIZE = new RegExp(PRETOKENIZE_SOURCE, 'gu');
/**
 * The other choice: identifiers split into their words and underscore runs (`shop`, `__`, `add`, `_`, `to`, `_`,
 * `cart`), so a model copies names piece by piece and a name made of words it has seen in other names is no stranger.
 */
const WORD_SOURCE = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+|_+| ?[^\\s\\p{L}\\p{N}_]+|\\s+(?!\\S)|\\s+";
const sourceFor = (mode) => (mode === 'words' ? WORD_SOURCE : PRETOKENIZE_SOURCE);

export const SPECIALS = ['<pad>', '<s>', '</s>'];

/** Pre-tokenized words of a text, each as its byte characters. */
export function words(text, table = bytesToUnicode(), mode = 'whole') {
  const encoder = new TextEncoder();
  return (text.match(new RegExp(sourceFor(mode), 'gu')) ?? []).map((word) => [...encoder.encode(word)].map((b) => table.get(b)).join(''));
}

/**
 * Learns merges until the vocabulary has `vocabSize` entries (specials + 256 bytes + merges).
 * @param {Iterable<string>} texts
 * @returns {{ vocab: Record<string, number>, merges: string[] }}
 */
export function trainBpe(texts, vocabSize, mode = 'whole') {
  const table = bytesToUnicode();
  const counts = new Map();
  for (const text of texts) for (const word of words(text, table, mode)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const entries = [...counts].map(([word, count]) => ({ symbols: [...word], count }));
  const vocab = {};
  SPECIALS.forEach((token, i) => { vocab[token] = i; });
  for (const ch of [...table.values()].sort((a, b) => a.codePointAt(0) - b.codePointAt(0))) vocab[ch] = Object.keys(vocab).length;
  const merges = [];
  // Pair counts, kept up to date incrementally; `where` lists the entries that may hold a pair.
  const pairs = new Map();
  const where = new Map();
  const key = (a, b) => `${a} ${b}`;
  const add = (entry, a, b, n) => {
    const k = key(a, b);
    pairs.set(k, (pairs.get(k) ?? 0) + n);
    if (n > 0) {
      let set = where.get(k);
      if (!set) where.set(k, (set = new Set()));
      set.add(entry);
    }
  };
  for (const entry of entries) for (let i = 0; i + 1 < entry.symbols.length; i++) add(entry, entry.symbols[i], entry.symbols[i + 1], entry.count);
  while (Object.keys(vocab).length < vocabSize) {
    let best;
    let bestCount = 1;
    for (const [k, n] of pairs) {
      if (n > bestCount || (n === bestCount && best !== undefined && k < best)) {
        best = k;
        bestCount = n;
      }
    }
    if (!best) break;
    const [a, b] = best.split(' ');
    const merged = a + b;
    merges.push(best);
    vocab[merged] = Object.keys(vocab).length;
    for (const entry of where.get(best) ?? []) {
      const s = entry.symbols;
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] !== a || s[i + 1] !== b) continue;
        if (i > 0) { add(entry, s[i - 1], a, -entry.count); add(entry, s[i - 1], merged, entry.count); }
        if (i + 2 < s.length) { add(entry, b, s[i + 2], -entry.count); add(entry, merged, s[i + 2], entry.count); }
        add(entry, a, b, -entry.count);
        s.splice(i, 2, merged);
      }
    }
    pairs.delete(best);
    where.delete(best);
  }
  return { vocab, merges, mode };
}

/** The tokenizer.json and tokenizer_config.json for a trained vocabulary. */
export function tokenizerFiles({ vocab, merges, mode = 'whole' }) {
  const added = SPECIALS.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  const tokenizer = {
    version: '1.0', truncation: null, padding: null, added_tokens: added, normalizer: null,
    pre_tokenizer: { type: 'Sequence', pretokenizers: [
      { type: 'Split', pattern: { Regex: sourceFor(mode) }, behavior: 'Isolated', invert: false },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
    ] },
    post_processor: { type: 'TemplateProcessing', single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }], special_tokens: { '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } } },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false,
      byte_fallback: false, ignore_merges: false, vocab, merges },
  };
  const config = {
    add_bos_token: false, add_eos_token: true, bos_token: '<s>', eos_token: '</s>', pad_token: '<pad>', model_max_length: 1024,
    clean_up_tokenization_spaces: false, tokenizer_class: 'PreTrainedTokenizerFast',
    added_tokens_decoder: Object.fromEntries(added.map(({ id, ...rest }) => [String(id), rest])),
  };
  return { tokenizer, config };
}

/** Reference encoder (merges applied by rank within each word), for checking the written tokenizer.json. */
export function encodeWithMerges(text, { vocab, merges, mode = 'whole' }) {
  const rank = new Map(merges.map((m, i) => [m, i]));
  const ids = [];
  for (const word of words(text, bytesToUnicode(), mode)) {
    let symbols = [...word];
    for (;;) {
      let best = -1;
      let at = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = rank.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && (best === -1 || r < best)) { best = r; at = i; }
      }
      if (at < 0) break;
      const [a, b] = merges[best].split(' ');
      const next = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) { next.push(a + b); i++; } else next.push(symbols[i]);
      }
      symbols = next;
    }
    ids.push(...symbols.map((s) => vocab[s]));
  }
  return ids;
}
